import { db } from '../../db/db';
import type { Movie } from '../../db/models';
import { pagesOf } from '../listing';

export const moviePages = pagesOf(() => db.movies);

export function getMovie(id: string): Promise<Movie | undefined> {
  return db.movies.get(id);
}
