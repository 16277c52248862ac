import Dexie from 'dexie';
import { db } from '../../db/db';
import type { Flag, Todo } from '../../db/models';
import type { Choice } from '../crud';
import type { RelatedReader } from '../kept-rows';
import { byId, pagesOf } from '../listing';
import { TODO_COUNTS_KEY } from '../../db/models';
import { allUsers } from '../users/queries';
import { withLinks, type TodoRow } from './listing';

// Made by withLinks, beside which it is described.
export type { TodoRow } from './listing';

/**
 * Attaches owners and categories to a page of to-dos with one bulk read per table, however
 * many rows the page holds. A link to a row deleted meanwhile simply shows nothing.
 */
export async function expandTodos(todos: Todo[], read: RelatedReader = byId): Promise<TodoRow[]> {
  const [owners, categories] = await Promise.all([
    read(db.users, todos.map((todo) => todo.userId)),
    read(db.categories, todos.map((todo) => todo.categoryId)),
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

/** "N items left" and whether to offer "Clear completed". */
export interface ItemCounts {
  left: number;
  completed: number;
}

/**
 * How many to-dos are still to do and how many are done: one get of the counts row, which
 * every write of to-dos keeps right in its own transaction (src/db/todo-counts.ts), at any
 * table size. A database that never had a to-do has no row yet.
 */
export async function todoCounts(): Promise<ItemCounts> {
  const row = await db.counts.get(TODO_COUNTS_KEY);
  return { left: row?.active ?? 0, completed: row?.completed ?? 0 };
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
