import * as v from 'valibot';
import { flag, optionalText, parseInput, requiredText } from '../validation';
import type { Flag, Movie } from '../../db/models';
import { asFlag, withId, withOptional, type Data, type NewRow } from '../row-shape';
import { foldForSort } from '../text';

export const TITLE_MAX = 200;
export const NOTES_MAX = 2000;
/** From 1878 (Muybridge's The Horse in Motion, the earliest film anyone will log) to a generous future. */
export const YEAR_MIN = 1878;
export const YEAR_MAX = 2100;
export const RATING_MAX = 5;

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

// The stored row (see src/lib/stored-rows.ts): every path that writes a movie builds it here.

export type MovieData = Omit<Data<Movie, 'titleKey' | 'yearKey'>, 'watched'> & { watched: Flag | boolean };

export function storedMovie(data: MovieData & { id: number }): Movie;
export function storedMovie(data: MovieData): NewRow<Movie>;
export function storedMovie(data: MovieData): NewRow<Movie> {
  const row: NewRow<Movie> = {
    title: data.title,
    titleKey: foldForSort(data.title),
    // 0 when unknown, so every movie can be ordered by year.
    yearKey: data.year ?? 0,
    watched: asFlag(data.watched),
    createdAt: data.createdAt,
  };
  return withId(data.id, withOptional(row, { year: data.year, rating: data.rating, notes: data.notes }));
}
