import { counted } from '../text';
import type { User } from '../../db/models';
import type { CrudModel } from '../crud';
import { formatDate } from '../dates';
import { createUser, deleteUser, updateUser } from './mutations';
import { getUser, userDependents, userPages } from './queries';
import { EMAIL_MAX, USERNAME_MAX } from './stored';
import type { UserInput } from './validate';

export const usersModel: CrudModel<User, UserInput> = {
  path: 'users',
  singular: 'user',
  plural: 'users',
  emptyText: 'No users yet — add the first one.',
  fields: [
    { name: 'username', label: 'Username', type: 'text', required: true, autocomplete: 'username', hint: `Up to ${USERNAME_MAX} characters.` },
    { name: 'email', label: 'Email', type: 'email', autocomplete: 'email', hint: `Optional, up to ${EMAIL_MAX} characters.` },
  ],
  columns: [
    { label: 'Username', value: (user) => user.username, sort: 'username' },
    { label: 'Email', value: (user) => user.email },
  ],
  details: [
    { label: 'Email', value: (user) => user.email },
    { label: 'Added', value: (user) => formatDate(user.createdAt) },
  ],
  related: [
    { title: 'To-dos', model: 'todos', field: 'userId' },
    { title: 'Posts', model: 'posts', field: 'authorId' },
  ],
  listing: {
    sorts: [{ name: 'username', label: 'Username', fields: ['usernameSortKey'] }],
    search: { field: 'usernameSortKey', label: 'Search usernames' },
  },
  deletion: {
    async dependents(id) {
      const { todos, posts } = await userDependents(id);
      return [
        { model: 'todos', label: counted(todos, 'to-do'), count: todos },
        { model: 'posts', label: counted(posts, 'post'), count: posts },
      ].filter((dependent) => dependent.count > 0);
    },
    options: [
      { kind: 'unlink', label: 'Keep them, with no owner or author' },
      { kind: 'cascade', label: 'Delete them too' },
    ],
  },
  titleOf: (user) => user.username,
  emptyInput: () => ({ username: '', email: '' }),
  toInput: (user) => ({ username: user.username, email: user.email ?? '' }),
  ...userPages,
  get: getUser,
  create: createUser,
  update: updateUser,
  remove: deleteUser,
};
