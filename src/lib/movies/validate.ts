import * as v from 'valibot';
import { flag, optionalText, parseInput, requiredText } from '../validation';
import { TITLE_MAX, NOTES_MAX, YEAR_MIN, YEAR_MAX, RATING_MAX } from './stored';

/** Optional whole number typed as text, from `min` to `max`; empty means none. */
export function optionalInteger(label: string, min: number, max: number) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.check((text) => text === '' || /^-?\d+$/.test(text), `${label} must be a whole number`),
    v.transform((text) => (text === '' ? undefined : Number(text))),
    v.check((value) => value === undefined || (value >= min && value <= max), `${label} must be from ${min} to ${max}`),
  );
}

const movieSchema = v.object({
  title: requiredText('Title', TITLE_MAX),
  year: optionalInteger('Year', YEAR_MIN, YEAR_MAX),
  watched: flag(),
  rating: optionalInteger('Rating', 1, RATING_MAX),
  notes: optionalText('Notes', NOTES_MAX),
});

/** What the movie form edits: text as typed, the checkbox as a boolean. */
export interface MovieInput {
  title: string;
  year: string;
  watched: boolean;
  rating: string;
  notes: string;
}

export type ValidMovie = v.InferOutput<typeof movieSchema>;

/** Trims and checks a movie's fields; throws ValidationError naming each bad field. */
export function validateMovie(input: MovieInput): ValidMovie {
  return parseInput(movieSchema, input);
}
