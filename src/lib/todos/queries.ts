import Dexie from 'dexie';
import { db } from '../../db/db';
import type { Category, Flag, Todo, User } from '../../db/models';
import type { Choice } from '../crud';
import { afterPageReads, byId, pagesOf } from '../listing';
import { allUsers } from '../users/queries';
import { withLinks } from './listing';

/** A to-do with the owner and category it points at, for lists and the detail page. */
export type TodoRow = Todo & { owner?: User; category?: Category };

/**
 * Attaches owners and categories to a page of to-dos with one bulk read per table, however
 * many rows the page holds. A link to a row deleted meanwhile simply shows nothing.
 */
export async function expandTodos(todos: Todo[]): Promise<TodoRow[]> {
  const [owners, categories] = await Promise.all([
    byId(db.users, todos.map((todo) => todo.userId)),
    byId(db.categories, todos.map((todo) => todo.categoryId)),
  ]);
  return todos.map((todo) => withLinks(todo, owners, categories));
}

export const todoPages = pagesOf(() => db.todos, expandTodos);

export async function getTodo(id: string): Promise<TodoRow | undefined> {
  const todo = await db.todos.get(id);
  return todo && (await expandTodos([todo]))[0];
}

/** The to-dos that are done (1) or not (0), in due order, through `[done+dueKey+id]`. */
export function todosWithDone(done: Flag) {
  return db.todos.where('[done+dueKey+id]').between([done], [done, Dexie.maxKey]);
}

/** How many to-dos are still to do: a count over the index, no rows read. */
export function itemsLeft(): Promise<number> {
  return afterOtherReads(() => todosWithDone(0).count());
}

export function completedCount(): Promise<number> {
  return afterOtherReads(() => todosWithDone(1).count());
}

/**
 * Runs `read` once the list's page has been read. After a change Dexie re-runs the newest
 * live query first, and the counts start after the page they sit under; a count walks its
 * whole index range (0.3 s at 100,000 to-dos) and IndexedDB serves one request at a time, so
 * a toggled row waited for both counts. `Dexie.waitFor` keeps the live query's context across
 * the wait, so the counts still follow every change.
 */
function afterOtherReads<T>(read: () => Promise<T>): Promise<T> {
  return Dexie.waitFor(afterPageReads()).then(read);
}

/** Owners to choose from, alphabetical ignoring case and accents. */
export async function ownerChoices(): Promise<Choice[]> {
  return (await allUsers()).map((user) => ({ value: String(user.id), label: user.username }));
}

/**
 * Categories to choose from, alphabetical ignoring case and accents. Read here rather than from the
 * categories module so the two can change independently; it is one index read.
 */
export async function categoryChoices(): Promise<Choice[]> {
  const categories = await db.categories.orderBy('[nameSortKey+id]').toArray();
  return categories.map((category) => ({ value: String(category.id), label: category.name }));
}
