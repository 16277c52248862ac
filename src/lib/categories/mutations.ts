import Dexie from 'dexie';
import { db } from '../../db/db';
import { isId } from '../../db/ids';
import type { Category } from '../../db/models';
import type { DeleteChoice } from '../crud';

import { MissingRowError, ValidationError } from '../errors';
import { categoryDependents, postsInCategory, todosInCategory } from './queries';
import { storedCategory } from './stored';
import { validateCategory, type CategoryInput } from './validate';

const NAME_TAKEN = 'That category name is already taken';
const CHOOSE_TARGET = 'Choose the category to move them to';
const POSTS_NEED_CATEGORY = 'Posts need a category: move them or delete them';

type CategoryFields = Pick<Category, 'nameKey'>;

/**
 * Runs a category write in one transaction that first looks for the same name, so the form
 * can say it is taken. The unique index on nameKey is the real guarantee: if another tab's
 * write still gets in first, its ConstraintError becomes the same message (when the name is
 * indeed there).
 */
async function writeCategory<T>(fields: CategoryFields, ownId: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', db.categories, async () => {
      const same = await db.categories.where('nameKey').equals(fields.nameKey).first();
      if (same && same.id !== ownId) throw new ValidationError({ name: NAME_TAKEN });
      return write();
    });
  } catch (error) {
    if (error instanceof Dexie.ConstraintError) {
      const same = await db.categories.where('nameKey').equals(fields.nameKey).first();
      if (same && same.id !== ownId) throw new ValidationError({ name: NAME_TAKEN });
    }
    // No clash to name (the disk is full, say): the error as it is, never a false "taken".
    throw error;
  }
}

/** Adds a category; returns the new id. Throws ValidationError and writes nothing on bad input. */
export async function createCategory(input: CategoryInput): Promise<string> {
  const row = storedCategory({ ...validateCategory(input), createdAt: Date.now() });
  return writeCategory(row, undefined, () => db.categories.add(row));
}

/** The post form's "New category": creates one and answers with its id, which is also the form's value. */
export function createCategoryNamed(name: string): Promise<string> {
  return createCategory({ name });
}

export async function updateCategory(id: string, input: CategoryInput): Promise<void> {
  const { name } = validateCategory(input);
  // The row as it will be stored, for its key; its createdAt is read inside the transaction.
  const keys = storedCategory({ id, name, createdAt: 0 });
  await writeCategory(keys, id, async () => {
    const existing = await db.categories.get(id);
    if (!existing) throw new MissingRowError('category');
    await db.categories.put(storedCategory({ id, name, createdAt: existing.createdAt }));
  });
}

/**
 * Deletes a category and deals with its posts and to-dos as chosen, all in one transaction so
 * nothing is ever left pointing at a missing category:
 * - `move` (the default) refiles them under `targetId`, which must exist and be another category;
 * - `cascade` deletes them too;
 * - `unlink` keeps the to-dos with no category, and is refused while posts remain, since a post
 *   must have one.
 * A refusal throws ValidationError on `choice` and changes nothing.
 */
export async function deleteCategory(id: string, choice: DeleteChoice = { kind: 'move' }): Promise<void> {
  await db.transaction('rw', [db.categories, db.posts, db.todos], async () => {
    const { posts, todos } = await categoryDependents(id);
    if (posts + todos > 0) await settleDependents(id, choice, posts);
    await db.categories.delete(id);
  });
}

/** Runs inside deleteCategory's transaction; a throw here rolls back every step before it. */
async function settleDependents(id: string, choice: DeleteChoice, posts: number): Promise<void> {
  switch (choice.kind) {
    case 'move': {
      const { targetId } = choice;
      // An unchosen target arrives as '' from an empty <select>, and a stale page may send
      // anything: only a row id other than this one is looked up; the rest is refused in words.
      const valid = isId(targetId) && targetId !== id;
      const target = valid ? await db.categories.get(targetId) : undefined;
      if (!target) throw new ValidationError({ choice: CHOOSE_TARGET });
      await postsInCategory(id).modify({ categoryId: targetId });
      await todosInCategory(id).modify({ categoryId: targetId });
      return;
    }
    case 'cascade':
      await postsInCategory(id).delete();
      await todosInCategory(id).delete();
      return;
    case 'unlink':
      if (posts > 0) throw new ValidationError({ choice: POSTS_NEED_CATEGORY });
      await todosInCategory(id).modify((todo) => {
        delete todo.categoryId;
      });
  }
}
