import type { CrudModel } from '../crud';
import { formatDate, formatDateTime } from '../dates';
import { category, formatDay, owner } from './columns';
import { withData } from '../data';
import type { TodoRow } from './queries';
import { todosListing } from './listing';
import { NOTES_MAX, TITLE_MAX } from './stored';
import type { TodoInput } from './validate';

const due = { label: 'Due', value: (todo: TodoRow) => formatDay(todo.dueDate) };

export const todosModel: CrudModel<TodoRow, TodoInput> = {
  path: 'todos',
  singular: 'to-do',
  plural: 'to-dos',
  emptyText: 'No to-dos yet — add the first one.',
  fields: [
    { name: 'title', label: 'Title', type: 'text', required: true, hint: `Up to ${TITLE_MAX} characters.` },
    { name: 'done', label: 'Done', type: 'checkbox' },
    { name: 'dueDate', label: 'Due date', type: 'date', hint: 'Optional.' },
    { name: 'userId', label: 'Owner', type: 'choice', noneLabel: 'No owner', choices: () => withData(({ todoQueries }) => todoQueries.ownerChoices()) },
    { name: 'categoryId', label: 'Category', type: 'choice', noneLabel: 'No category', choices: () => withData(({ todoQueries }) => todoQueries.categoryChoices()) },
    { name: 'notes', label: 'Notes', type: 'textarea', hint: `Optional, up to ${NOTES_MAX} characters.` },
  ],
  columns: [{ label: 'Title', value: (todo) => todo.title, sort: 'title' }, { ...due, sort: 'due' }, owner, category],
  details: [
    { label: 'Done', value: (todo) => (todo.done ? 'Yes' : 'No') },
    due,
    owner,
    category,
    { label: 'Notes', value: (todo) => todo.notes },
    { label: 'Added', value: (todo) => formatDate(todo.createdAt) },
    { label: 'Completed', value: (todo) => formatDateTime(todo.completedAt) },
  ],
  listing: todosListing,
  titleOf: (todo) => todo.title,
  emptyInput: () => ({ title: '', notes: '', dueDate: '', done: false, userId: '', categoryId: '' }),
  toInput: (todo) => ({
    title: todo.title,
    notes: todo.notes ?? '',
    dueDate: todo.dueDate ?? '',
    done: todo.done === 1,
    userId: todo.userId === undefined ? '' : String(todo.userId),
    categoryId: todo.categoryId === undefined ? '' : String(todo.categoryId),
  }),
  // Through the data layer, which the to-do list, the start screen, draws its first rows without.
  page: (ordering, position, size, kept) => withData(({ todoQueries }) => todoQueries.todoPages.page(ordering, position, size, kept)),
  count: (ordering) => withData(({ todoQueries }) => todoQueries.todoPages.count(ordering)),
  get: (id) => withData(({ todoQueries }) => todoQueries.getTodo(id)),
  create: (input) => withData(({ todoMutations }) => todoMutations.createTodo(input)),
  update: (id, input) => withData(({ todoMutations }) => todoMutations.updateTodo(id, input)),
  remove: (id) => withData(({ todoMutations }) => todoMutations.deleteTodo(id)),
};
