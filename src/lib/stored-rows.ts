// The one place a model's valid data becomes the row Tend stores. Lists, searches and the
// unique indexes read derived fields (folded keys, a due key that is never missing, 0/1
// flags), and a row whose key is missing or computed another way drops out of a list without
// any error. So one function per model builds them, beside the model's validation in
// src/lib/<model>/validate.ts (storedUser, storedCategory, storedTodo, storedPost,
// storedMovie: valid data in, the stored row out), and every path that writes rows goes
// through it: the forms and quick adds (src/lib/<model>/mutations.ts), backup import and
// merge and snapshot restore (src/lib/backup/rows.ts), the sample data, and the bench's seed.
// They live with each model rather than here so that the first screen's script carries only
// the to-dos' one. What they share is in row-shape.ts; this module has all five by table name.
//
// Each function builds the row field by field from the model's own fields: derived keys
// handed in are ignored and recomputed, unknown fields are dropped, and optional fields that
// are undefined are left out (absent, never undefined, so a backup and an IndexedDB round
// trip give back the same row).
import { storedCategory } from './categories/validate';
import { storedMovie } from './movies/validate';
import { storedPost } from './posts/validate';
import { storedTodo } from './todos/validate';
import { storedUser } from './users/validate';

export { storedCategory, storedMovie, storedPost, storedTodo, storedUser };

/** Every model's row function, by table name: for code that writes whole tables (the bench's seed). */
export const storedRow = {
  users: storedUser,
  categories: storedCategory,
  todos: storedTodo,
  posts: storedPost,
  movies: storedMovie,
} as const;
