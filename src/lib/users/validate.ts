import * as v from 'valibot';
import { parseInput, requiredText } from '../validation';
import type { User } from '../../db/models';
import { withId, withOptional, type Data, type NewRow } from '../row-shape';
import { foldCase, foldForSort } from '../text';

export const USERNAME_MAX = 80;
export const EMAIL_MAX = 120;

/**
 * Optional email: trimmed; empty means none (undefined), otherwise at most `max` and valid.
 * Here rather than in validation.ts: only users have one, and the address rule is large for
 * the first screen's script.
 */
export function optionalEmail(label: string, max: number) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.maxLength(max, `${label} must be at most ${max} characters`),
    v.check((text) => text === '' || v.EMAIL_REGEX.test(text), 'Enter a valid email address, like ann@example.com'),
    v.transform((text) => text || undefined),
  );
}

const userSchema = v.object({
  username: requiredText('Username', USERNAME_MAX),
  email: optionalEmail('Email', EMAIL_MAX),
});

/** What the user form edits: the text as typed. */
export interface UserInput {
  username: string;
  email: string;
}

export type ValidUser = v.InferOutput<typeof userSchema>;

/** Trims and checks a user's fields; throws ValidationError naming each bad field. */
export function validateUser(input: UserInput): ValidUser {
  return parseInput(userSchema, input);
}

// The stored row (see src/lib/stored-rows.ts): every path that writes a user builds it here.

export type UserData = Data<User, 'usernameKey' | 'usernameSortKey' | 'emailKey'>;

export function storedUser(data: UserData & { id: number }): User;
export function storedUser(data: UserData): NewRow<User>;
export function storedUser(data: UserData): NewRow<User> {
  const row: NewRow<User> = {
    username: data.username,
    usernameKey: foldCase(data.username),
    usernameSortKey: foldForSort(data.username),
    createdAt: data.createdAt,
  };
  // The email's key exists only with the email: rows without one stay out of its unique index.
  if (data.email !== undefined) withOptional(row, { email: data.email, emailKey: foldCase(data.email) });
  return withId(data.id, row);
}
