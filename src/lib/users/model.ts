import type { User } from '../../db/models';
import { formatDate, type CrudModel } from '../crud';
import { createUser, deleteUser, updateUser } from './mutations';
import { getUser, listUsers } from './queries';
import { EMAIL_MAX, USERNAME_MAX, type UserInput } from './validate';

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
    { label: 'Username', value: (user) => user.username },
    { label: 'Email', value: (user) => user.email },
  ],
  details: [
    { label: 'Email', value: (user) => user.email },
    { label: 'Added', value: (user) => formatDate(user.createdAt) },
  ],
  titleOf: (user) => user.username,
  emptyInput: () => ({ username: '', email: '' }),
  toInput: (user) => ({ username: user.username, email: user.email ?? '' }),
  list: listUsers,
  get: getUser,
  create: createUser,
  update: updateUser,
  remove: deleteUser,
};
