import * as v from 'valibot';
import { counted } from '../text';
import { parseInput, requiredText } from '../validation';
import { USERNAME_MAX, EMAIL_MAX } from './stored';

/**
 * Optional email: trimmed; empty means none (undefined), otherwise at most `max` and valid.
 * Here rather than in validation.ts: only users have one, and the address rule is large for
 * the first screen's script.
 */
export function optionalEmail(label: string, max: number) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.maxLength(max, `${label} must be at most ${counted(max, 'character')}`),
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
