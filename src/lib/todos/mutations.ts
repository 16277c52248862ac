import { db } from '../../db/db';
import type { Flag, Todo } from '../../db/models';

import { MissingRowError, ValidationError, type FieldErrors } from '../errors';
import { todosWithDone } from './queries';
import { storedTodo } from './stored';
import type { TodoInput, ValidTodo } from './validate';

/**
 * The to-do rules (valibot), loaded on the first write that checks input rather than with the
 * first screen, which only needs to draw and toggle. They are precached, so offline too.
 */
const rules = () => import('./validate');


/**
 * The chosen owner and category must still exist. Checked inside the write's transaction,
 * which also holds users and categories, so a delete in another tab cannot slip in between
 * the check and the write and leave the to-do pointing at nothing.
 */
async function refuseMissingLinks(fields: Pick<ValidTodo, 'userId' | 'categoryId'>): Promise<void> {
  const errors: FieldErrors = {};
  if (fields.userId !== undefined && !(await db.users.get(fields.userId))) errors.userId = 'That user no longer exists';
  if (fields.categoryId !== undefined && !(await db.categories.get(fields.categoryId))) {
    errors.categoryId = 'That category no longer exists';
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

/** Adds a to-do; returns the new id. Throws ValidationError and writes nothing on bad input. */
export async function createTodo(input: TodoInput): Promise<string> {
  const fields = (await rules()).validateTodo(input);
  return db.transaction('rw', [db.todos, db.users, db.categories], async () => {
    await refuseMissingLinks(fields);
    const now = Date.now();
    return db.todos.add(storedTodo({ ...fields, createdAt: now, updatedAt: now, completedAt: fields.done ? now : undefined }));
  });
}

/** Replaces a to-do's editable fields; completedAt is kept while it stays done. */
export async function updateTodo(id: string, input: TodoInput): Promise<void> {
  const fields = (await rules()).validateTodo(input);
  await db.transaction('rw', [db.todos, db.users, db.categories], async () => {
    const existing = await db.todos.get(id);
    if (!existing) throw new MissingRowError('to-do');
    await refuseMissingLinks(fields);
    const now = Date.now();
    const completedAt = fields.done ? (existing.done ? (existing.completedAt ?? now) : now) : undefined;
    await db.todos.put(storedTodo({ ...fields, id, createdAt: existing.createdAt, updatedAt: now, completedAt }));
  });
}

/** Nothing points at a to-do, so it goes alone. */
export async function deleteTodo(id: string): Promise<void> {
  await db.todos.delete(id);
}

/** The Enter-to-add box: a title and nothing else, not yet done. */
export async function addTodo(title: string): Promise<string> {
  const text = (await rules()).validateTitle(title);
  const now = Date.now();
  return db.todos.add(storedTodo({ title: text, done: 0, createdAt: now, updatedAt: now }));
}

/**
 * Reads, changes and writes one to-do in a single transaction, so a change made in another
 * tab between the read and the write is not lost. `change` returns false when there is
 * nothing to write.
 */
function changeTodo(id: string, change: (todo: Todo, now: number) => boolean): Promise<void> {
  // Chained on Dexie's promises rather than an async function, as a page's read is (listing.ts).
  return db.transaction('rw', db.todos, () =>
    db.todos.get(id).then((todo) => {
      if (!todo) throw new MissingRowError('to-do');
      const now = Date.now();
      if (!change(todo, now)) return;
      todo.updatedAt = now;
      return db.todos.put(storedTodo(todo)).then(() => undefined);
    }),
  );
}

/** Sets done and keeps completedAt in step: when it was finished, absent while active. */
function markDone(todo: Todo, done: Flag, now: number): void {
  todo.done = done;
  todo.updatedAt = now;
  if (done) todo.completedAt = now;
  else delete todo.completedAt;
}

/** Ticks or unticks one to-do; ticking one already done keeps when it was finished. */
export async function setDone(id: string, done: boolean): Promise<void> {
  const flag: Flag = done ? 1 : 0;
  await changeTodo(id, (todo, now) => {
    if (todo.done === flag) return false;
    markDone(todo, flag, now);
    return true;
  });
}

/** Editing in place. An emptied title is a ValidationError: the view then offers to delete. */
export async function renameTodo(id: string, title: string): Promise<void> {
  const text = (await rules()).validateTitle(title);
  await changeTodo(id, (todo) => {
    todo.title = text;
    return true;
  });
}

// The toggle-all checkbox: each is one `modify` over the slice of the [done+dueKey+id] index,
// so it is one transaction, and only the rows that change are read. They return how many changed.

export async function markAllDone(): Promise<number> {
  const now = Date.now();
  return todosWithDone(0).modify((todo) => markDone(todo, 1, now));
}

export async function markAllActive(): Promise<number> {
  const now = Date.now();
  return todosWithDone(1).modify((todo) => markDone(todo, 0, now));
}

/** Deletes every finished to-do at once; returns how many went. */
export function clearCompleted(): Promise<number> {
  return todosWithDone(1).delete();
}
