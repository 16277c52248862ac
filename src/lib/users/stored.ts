import type { User } from '../../db/models';
import { rowId, withOptional, type Data } from '../row-shape';
import { foldCase, foldForSort } from '../text';

export const USERNAME_MAX = 80;
export const EMAIL_MAX = 120;

// The stored row (see src/lib/stored-rows.ts), kept apart from the valibot rules so the
// first screen can write rows without loading them: every path that writes a user builds it here.

export type UserData = Data<User, 'usernameKey' | 'usernameSortKey' | 'emailKey'>;

export function storedUser(data: UserData): User {
  const row: User = {
    id: rowId(data.id),
    username: data.username,
    usernameKey: foldCase(data.username),
    usernameSortKey: foldForSort(data.username),
    createdAt: data.createdAt,
  };
  // The email's key exists only with the email: rows without one stay out of its unique index.
  if (data.email !== undefined) withOptional(row, { email: data.email, emailKey: foldCase(data.email) });
  return row;
}
