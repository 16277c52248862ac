import * as v from 'valibot';
import { optionalEmail, parseInput, requiredText } from '../validation';

export const USERNAME_MAX = 80;
export const EMAIL_MAX = 120;

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
