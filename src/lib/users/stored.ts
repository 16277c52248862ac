import type { User } from '../../db/models';
import { rowId, withOptional, type Data, type ComputedFields } from '../row-shape';
import { foldCase, foldForSort } from '../text';

export const USERNAME_MAX = 80;
export const EMAIL_MAX = 120;

// The stored row (see src/lib/stored-rows.ts), kept apart from the valibot rules so the
// first screen can write rows without loading them: every path that writes a user builds it here.

export type UserData = Data<User, 'usernameKey' | 'usernameSortKey' | 'emailKey'>;

export const userComputed: ComputedFields<User, 'usernameKey' | 'usernameSortKey' | 'emailKey', UserData> = {
  usernameKey: (data) => foldCase(data.username),
  usernameSortKey: (data) => foldForSort(data.username),
  // The email's key exists only with the email: rows without one stay out of its unique index.
  emailKey: (data) => (data.email === undefined ? undefined : foldCase(data.email)),
};

export function storedUser(data: UserData): User {
  const row: User = {
    id: rowId(data.id),
    username: data.username,
    usernameKey: userComputed.usernameKey(data),
    usernameSortKey: userComputed.usernameSortKey(data),
    createdAt: data.createdAt,
  };
  if (data.email !== undefined) withOptional(row, { email: data.email, emailKey: userComputed.emailKey(data) });
  return row;
}
