// The one place a model's valid data becomes the row Tend stores. Lists, searches and the
// unique indexes read derived fields (folded keys, a due key that is never missing, 0/1
// flags), and a row whose key is missing or computed another way drops out of a list without
// any error. So one function per model builds them, in src/lib/<model>/stored.ts beside the
// model's field limits (storedUser, storedCategory, storedTodo, storedPost,
// storedMovie: valid data in, the stored row out), and every path that writes rows goes
// through it: the forms and quick adds (src/lib/<model>/mutations.ts), backup import and
// merge and snapshot restore (src/lib/backup/rows.ts), the sample data, and the bench's seed.
// They live with each model rather than here so that the first screen's script carries only
// the to-dos' one, and apart from the valibot rules, which the to-do list loads on its first
// write. What they share is in row-shape.ts; this module has all five by table name.
//
// Each function builds the row field by field from the model's own fields: derived keys
// handed in are ignored and recomputed, unknown fields are dropped, and optional fields that
// are undefined are left out (absent, never undefined, so a backup and an IndexedDB round
// trip give back the same row).
//
// Each model also lists the fields its row function works out rather than copies (userComputed,
// categoryComputed, todoComputed, postComputed, movieComputed), as the function itself uses
// them: an import keeps a file's row as it is when its fields are what these give.
import { categoryComputed, storedCategory } from './categories/stored';
import { movieComputed, storedMovie } from './movies/stored';
import { postComputed, storedPost } from './posts/stored';
import { storedTodo, todoComputed } from './todos/stored';
import { storedUser, userComputed } from './users/stored';

export { categoryComputed, movieComputed, postComputed, storedCategory, storedMovie, storedPost, storedTodo, storedUser, todoComputed, userComputed };

/** Every model's row function, by table name: for code that writes whole tables (the bench's seed). */
export const storedRow = {
  users: storedUser,
  categories: storedCategory,
  todos: storedTodo,
  posts: storedPost,
  movies: storedMovie,
} as const;
