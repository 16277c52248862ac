import * as v from 'valibot';
import { dateTime } from '../moments';
import { isId } from '../../db/ids';
import { optionalId, parseInput, requiredText } from '../validation';
import { TITLE_MAX, BODY_MAX } from './stored';

/** A row chosen in a <select>, by id as text. */
export function requiredId(message: string) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.check((text: string) => isId(text), message),
  );
}

const postSchema = v.object({
  title: requiredText('Title', TITLE_MAX),
  body: requiredText('Body', BODY_MAX),
  // Read the clock when the post is saved, not when this module loads.
  pubDate: dateTime('Publication date', () => Date.now()),
  categoryId: requiredId('Choose a category'),
  authorId: optionalId(),
});

/** What the post form edits: text as typed, ids as the <select> values. */
export interface PostInput {
  title: string;
  body: string;
  /** Local `YYYY-MM-DDTHH:mm`; empty means now. */
  pubDate: string;
  categoryId: string;
  /** Empty means no author. */
  authorId: string;
}

export type ValidPost = v.InferOutput<typeof postSchema>;

/** Trims and checks a post's fields; throws ValidationError naming each bad field. */
export function validatePost(input: PostInput): ValidPost {
  return parseInput(postSchema, input);
}
