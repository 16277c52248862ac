import { db } from '../../db/db';

import { MissingRowError } from '../errors';
import { storedMovie } from './stored';
import { validateMovie, type MovieInput } from './validate';

/** Adds a movie; returns the new id. Throws ValidationError and writes nothing on bad input. */
export async function createMovie(input: MovieInput): Promise<string> {
  return db.movies.add(storedMovie({ ...validateMovie(input), createdAt: Date.now() }));
}

/** Replaces a movie's editable fields; an emptied year, rating or notes is removed. */
export async function updateMovie(id: string, input: MovieInput): Promise<void> {
  const fields = validateMovie(input);
  // Read and write in one transaction so a delete in another tab cannot slip between them
  // and have `put` bring the movie back.
  await db.transaction('rw', db.movies, async () => {
    const existing = await db.movies.get(id);
    if (!existing) throw new MissingRowError('movie');
    await db.movies.put(storedMovie({ ...fields, id, createdAt: existing.createdAt }));
  });
}

/** The quick toggle in lists: only `watched` changes, the rest of the row is left alone. */
export async function setWatched(id: string, watched: boolean): Promise<void> {
  const changed = await db.movies.update(id, { watched: watched ? 1 : 0 });
  // update() reports 0 both for a missing row and for an unchanged one; only the first is an error.
  if (changed === 0 && !(await db.movies.get(id))) throw new MissingRowError('movie');
}

/** Deletes a movie. Nothing points at movies, so there is nothing else to deal with. */
export async function deleteMovie(id: string): Promise<void> {
  await db.movies.delete(id);
}
