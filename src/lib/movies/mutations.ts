import { db } from '../../db/db';
import type { Movie } from '../../db/models';
import { foldCase } from '../text';
import { MissingRowError } from '../validation';
import { validateMovie, type MovieInput, type ValidMovie } from './validate';

type MovieFields = Omit<Movie, 'id' | 'createdAt'>;

/**
 * The stored form: folded title and a year key that is never missing (0 when unknown), so
 * every movie sits in the title and year indexes; empty optional fields are left out.
 */
function toFields(movie: ValidMovie): MovieFields {
  const fields: MovieFields = {
    title: movie.title,
    titleKey: foldCase(movie.title),
    yearKey: movie.year ?? 0,
    watched: movie.watched,
  };
  if (movie.year !== undefined) fields.year = movie.year;
  if (movie.rating !== undefined) fields.rating = movie.rating;
  if (movie.notes !== undefined) fields.notes = movie.notes;
  return fields;
}

/** Adds a movie; returns the new id. Throws ValidationError and writes nothing on bad input. */
export async function createMovie(input: MovieInput): Promise<number> {
  const fields = toFields(validateMovie(input));
  return db.movies.add({ ...fields, createdAt: Date.now() });
}

/** Replaces a movie's editable fields; an emptied year, rating or notes is removed. */
export async function updateMovie(id: number, input: MovieInput): Promise<void> {
  const fields = toFields(validateMovie(input));
  // Read and write in one transaction so a delete in another tab cannot slip between them
  // and have `put` bring the movie back.
  await db.transaction('rw', db.movies, async () => {
    const existing = await db.movies.get(id);
    if (!existing) throw new MissingRowError('movie');
    await db.movies.put({ id, createdAt: existing.createdAt, ...fields });
  });
}

/** The quick toggle in lists: only `watched` changes, the rest of the row is left alone. */
export async function setWatched(id: number, watched: boolean): Promise<void> {
  const changed = await db.movies.update(id, { watched: watched ? 1 : 0 });
  // update() reports 0 both for a missing row and for an unchanged one; only the first is an error.
  if (changed === 0 && !(await db.movies.get(id))) throw new MissingRowError('movie');
}

/** Deletes a movie. Nothing points at movies, so there is nothing else to deal with. */
export async function deleteMovie(id: number): Promise<void> {
  await db.movies.delete(id);
}
