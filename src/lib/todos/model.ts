import { formatDate, formatDateTime, type CrudModel } from '../crud';
import { createTodo, deleteTodo, updateTodo } from './mutations';
import { categoryChoices, getTodo, ownerChoices, todoPages, type TodoRow } from './queries';
import { NOTES_MAX, TITLE_MAX } from './stored';
import type { TodoInput } from './validate';

/**
 * A calendar day (`YYYY-MM-DD`) for people. Built as local midnight: parsed as UTC it would
 * show the day before anywhere west of Greenwich.
 */
export function formatDay(day: string | undefined): string | undefined {
  if (!day) return undefined;
  const [year, month, date] = day.split('-').map(Number);
  return formatDate(new Date(year!, month! - 1, date));
}

/** The owner and category columns: also the links under a to-do's title in the home screen. */
export const owner = {
  label: 'Owner',
  value: (todo: TodoRow) => todo.owner?.username,
  link: (todo: TodoRow) => todo.owner && `/users/${todo.owner.id}`,
};
export const category = {
  label: 'Category',
  value: (todo: TodoRow) => todo.category?.name,
  link: (todo: TodoRow) => todo.category && `/categories/${todo.category.id}`,
};
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
    { name: 'userId', label: 'Owner', type: 'choice', noneLabel: 'No owner', choices: ownerChoices },
    { name: 'categoryId', label: 'Category', type: 'choice', noneLabel: 'No category', choices: categoryChoices },
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
  listing: {
    // Due date first; ties (and all undated to-dos, keyed NO_DUE_DATE) fall to id, which is
    // creation order because every index ends in id.
    sorts: [
      { name: 'due', label: 'Due date', fields: ['dueKey'] },
      { name: 'title', label: 'Title', fields: ['titleKey'] },
    ],
    search: { field: 'titleKey', label: 'Search to-dos' },
    // No filter is "All".
    filters: [
      { name: 'active', label: 'Active', field: 'done', value: 0 },
      { name: 'completed', label: 'Completed', field: 'done', value: 1 },
    ],
  },
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
  ...todoPages,
  get: getTodo,
  create: createTodo,
  update: updateTodo,
  remove: (id) => deleteTodo(id),
};
