import * as v from 'valibot';
import { flag, optionalInteger, optionalText, parseInput, requiredText } from '../validation';

export const TITLE_MAX = 200;
export const NOTES_MAX = 2000;
/** From 1878 (Muybridge's The Horse in Motion, the earliest film anyone will log) to a generous future. */
export const YEAR_MIN = 1878;
export const YEAR_MAX = 2100;
export const RATING_MAX = 5;

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
