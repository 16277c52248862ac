import { counted } from '../text';
import type { Category } from '../../db/models';
import type { CrudModel } from '../crud';
import { formatDate } from '../dates';
import { createCategory, deleteCategory, updateCategory } from './mutations';
import { categoryChoices, categoryDependents, categoryPages, getCategory } from './queries';
import { CATEGORY_NAME_MAX } from './stored';
import type { CategoryInput } from './validate';

export const categoriesModel: CrudModel<Category, CategoryInput> = {
  path: 'categories',
  singular: 'category',
  plural: 'categories',
  emptyText: 'No categories yet — add the first one.',
  fields: [{ name: 'name', label: 'Name', type: 'text', required: true, hint: `Up to ${CATEGORY_NAME_MAX} characters.` }],
  columns: [{ label: 'Name', value: (category) => category.name, sort: 'name' }],
  details: [{ label: 'Added', value: (category) => formatDate(category.createdAt) }],
  related: [
    { title: 'Posts', model: 'posts', field: 'categoryId', searchable: true },
    { title: 'To-dos', model: 'todos', field: 'categoryId' },
  ],
  listing: {
    sorts: [{ name: 'name', label: 'Name', fields: ['nameSortKey'] }],
    search: { field: 'nameSortKey', label: 'Search categories' },
  },
  deletion: {
    async dependents(id) {
      const { posts, todos } = await categoryDependents(id);
      return [
        { model: 'posts', label: counted(posts, 'post'), count: posts },
        { model: 'todos', label: counted(todos, 'to-do'), count: todos },
      ].filter((dependent) => dependent.count > 0);
    },
    options: [
      { kind: 'move', label: 'Move them to another category', target: { label: 'Move to', choices: (excludeId) => categoryChoices(excludeId) } },
      { kind: 'cascade', label: 'Delete them too' },
      // For to-dos only: a post needs a category, and deleteCategory refuses this while posts remain.
      {
        kind: 'unlink',
        label: 'Keep the to-dos without a category',
        when: (dependents) => !dependents.some((dependent) => dependent.model === 'posts'),
      },
    ],
  },
  titleOf: (category) => category.name,
  emptyInput: () => ({ name: '' }),
  toInput: (category) => ({ name: category.name }),
  ...categoryPages,
  get: getCategory,
  create: createCategory,
  update: updateCategory,
  remove: deleteCategory,
};
