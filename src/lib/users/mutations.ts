import Dexie from 'dexie';
import { db } from '../../db/db';
import type { User } from '../../db/models';

import { MissingRowError, ValidationError, type FieldErrors } from '../errors';
import type { DeleteChoice } from '../crud';
import { authoredPosts, ownedTodos } from './queries';
import { storedUser } from './stored';
import { validateUser, type UserInput, type ValidUser } from './validate';

const USERNAME_TAKEN = 'That username is already taken';
const EMAIL_TAKEN = 'That email is already taken';

/** The keys a user must not share with another. */
type UniqueKeys = Pick<User, 'usernameKey' | 'emailKey'>;

/** Which unique fields another user already holds. */
async function clashes(fields: UniqueKeys, ownId?: string): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const sameName = await db.users.where('usernameKey').equals(fields.usernameKey).first();
  if (sameName && sameName.id !== ownId) errors.username = USERNAME_TAKEN;
  if (fields.emailKey) {
    const sameEmail = await db.users.where('emailKey').equals(fields.emailKey).first();
    if (sameEmail && sameEmail.id !== ownId) errors.email = EMAIL_TAKEN;
  }
  return errors;
}

/**
 * Runs a user write in one transaction that first looks for a clash, so the form can say which
 * field is taken. The unique indexes are the real guarantee: two tabs' writes are serialised,
 * and a ConstraintError that still gets through is turned into the same message after the
 * transaction has rolled back, when a clash is there to name.
 */
async function writeUser<T>(fields: UniqueKeys, ownId: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await db.transaction('rw', db.users, async () => {
      const errors = await clashes(fields, ownId);
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      return write();
    });
  } catch (error) {
    if (error instanceof Dexie.ConstraintError) {
      const errors = await clashes(fields, ownId);
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    }
    // No clash to name (the disk is full, say): the error as it is, never a false "taken".
    throw error;
  }
}

/** Adds a user; returns the new id. Throws ValidationError and writes nothing on bad input. */
export async function createUser(input: UserInput): Promise<string> {
  const row = storedUser({ ...validateUser(input), createdAt: Date.now() });
  return writeUser(row, undefined, () => db.users.add(row));
}

/** Replaces a user's editable fields (an emptied email is removed, with its key). */
export async function updateUser(id: string, input: UserInput): Promise<void> {
  const user: ValidUser = validateUser(input);
  // The row as it will be stored, for its keys; its createdAt is read inside the transaction.
  const keys = storedUser({ ...user, id, createdAt: 0 });
  await writeUser(keys, id, async () => {
    const existing = await db.users.get(id);
    if (!existing) throw new MissingRowError('user');
    await db.users.put(storedUser({ ...user, id, createdAt: existing.createdAt }));
  });
}

/**
 * Deletes a user and, in the same transaction, either deletes their to-dos and posts too
 * (`cascade`) or keeps them with no owner or author (`unlink`, the default), so nothing is
 * left pointing at a missing user.
 */
export async function deleteUser(id: string, choice: DeleteChoice = { kind: 'unlink' }): Promise<void> {
  await db.transaction('rw', [db.users, db.todos, db.posts], async () => {
    if (choice.kind === 'cascade') {
      await ownedTodos(id).delete();
      await authoredPosts(id).delete();
    } else {
      await ownedTodos(id).modify((todo) => {
        delete todo.userId;
      });
      await authoredPosts(id).modify((post) => {
        delete post.authorId;
      });
    }
    await db.users.delete(id);
  });
}
