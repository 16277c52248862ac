import type { Flag, Movie } from '../../db/models';
import { asFlag, rowId, withOptional, type Data, type ComputedFields } from '../row-shape';
import { foldForSort } from '../text';

export const TITLE_MAX = 200;
export const NOTES_MAX = 2000;
/** From 1878 (Muybridge's The Horse in Motion, the earliest film anyone will log) to a generous future. */
export const YEAR_MIN = 1878;
export const YEAR_MAX = 2100;
export const RATING_MAX = 5;

// The stored row (see src/lib/stored-rows.ts), kept apart from the valibot rules so the
// first screen can write rows without loading them: every path that writes a movie builds it here.

export type MovieData = Omit<Data<Movie, 'titleKey' | 'yearKey'>, 'watched'> & { watched: Flag | boolean };

export const movieComputed: ComputedFields<Movie, 'titleKey' | 'yearKey' | 'watched', MovieData> = {
  titleKey: (data) => foldForSort(data.title),
  // 0 when unknown, so every movie can be ordered by year.
  yearKey: (data) => data.year ?? 0,
  watched: (data) => asFlag(data.watched),
};

export function storedMovie(data: MovieData): Movie {
  const row: Movie = {
    id: rowId(data.id),
    title: data.title,
    titleKey: movieComputed.titleKey(data),
    yearKey: movieComputed.yearKey(data),
    watched: movieComputed.watched(data),
    createdAt: data.createdAt,
  };
  return withOptional(row, { year: data.year, rating: data.rating, notes: data.notes });
}
