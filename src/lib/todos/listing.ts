import type { Category, Todo, User } from '../../db/models';
import type { Listing } from '../crud';
import { counted } from '../text';

/** A to-do with the owner and category it points at, for lists and the detail page. */
export type TodoRow = Todo & { owner?: User; category?: Category };

/**
 * How the to-do list can be ordered, searched and filtered. On its own, without the model's
 * data functions, so that the early read of the first page (early-page.ts) asks for the very
 * page the list asks for.
 */
export const todosListing: Listing = {
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
};

/** A to-do with the owner and category it points at, from rows read by id; a link to a row deleted meanwhile shows nothing. */
export function withLinks(todo: Todo, owners: ReadonlyMap<string, User>, categories: ReadonlyMap<string, Category>): TodoRow {
  const row: TodoRow = { ...todo };
  const owner = todo.userId === undefined ? undefined : owners.get(todo.userId);
  const category = todo.categoryId === undefined ? undefined : categories.get(todo.categoryId);
  if (owner) row.owner = owner;
  if (category) row.category = category;
  return row;
}

/** TodoMVC's counter: "1 item left", "0 items left", "2 items left". */
export function itemsLeftLabel(count: number): string {
  return `${counted(count, 'item')} left`;
}
