// The one place a model's valid data becomes the row Tend stores. Lists, searches and the
// unique indexes read derived fields (folded keys, a due key that is never missing, 0/1
// flags), and a row whose key is missing or computed another way drops out of a list without
// any error. So every path that writes rows builds them here: the forms and quick adds
// (src/lib/<model>/mutations.ts), backup import and merge and snapshot restore
// (src/lib/backup/rows.ts), the sample data, and the bench's seed.
//
// Each function builds the row field by field from the model's own fields: derived keys
// handed in are ignored and recomputed, unknown fields are dropped, and optional fields that
// are undefined are left out (absent, never undefined, so a backup and an IndexedDB round
// trip give back the same row).
import { NO_DUE_DATE, type Category, type Flag, type Movie, type Post, type Todo, type User } from '../db/models';
import { foldCase, foldForSort } from './text';

/** A row's own fields, without what is derived from them; `id` is absent for a row to add. */
type Data<Row, Derived extends keyof Row> = Omit<Row, Derived | 'id'> & { id?: number };

export type UserData = Data<User, 'usernameKey' | 'usernameSortKey' | 'emailKey'>;
export type CategoryData = Data<Category, 'nameKey' | 'nameSortKey'>;
export type TodoData = Omit<Data<Todo, 'titleKey' | 'dueKey'>, 'done'> & { done: Flag | boolean };
export type PostData = Data<Post, 'titleKey'>;
export type MovieData = Omit<Data<Movie, 'titleKey' | 'yearKey'>, 'watched'> & { watched: Flag | boolean };

/** A row not yet added: IndexedDB gives it its id. */
export type NewRow<Row> = Omit<Row, 'id'>;

/** Copies the optional fields that have a value; an undefined one stays absent. */
function withOptional<Row extends object>(row: Row, optional: Partial<Row>): Row {
  for (const [field, value] of Object.entries(optional)) {
    if (value !== undefined) (row as Record<string, unknown>)[field] = value;
  }
  return row;
}

/** The id first, when there is one, so stored rows read alike. */
function withId<Row extends object>(id: number | undefined, row: Row): Row {
  return id === undefined ? row : ({ id, ...row } as Row);
}

const flag = (value: Flag | boolean): Flag => (value ? 1 : 0);

export function storedUser(data: UserData & { id: number }): User;
export function storedUser(data: UserData): NewRow<User>;
export function storedUser(data: UserData): NewRow<User> {
  const row: NewRow<User> = {
    username: data.username,
    usernameKey: foldCase(data.username),
    usernameSortKey: foldForSort(data.username),
    createdAt: data.createdAt,
  };
  // The email's key exists only with the email: rows without one stay out of its unique index.
  if (data.email !== undefined) withOptional(row, { email: data.email, emailKey: foldCase(data.email) });
  return withId(data.id, row);
}

export function storedCategory(data: CategoryData & { id: number }): Category;
export function storedCategory(data: CategoryData): NewRow<Category>;
export function storedCategory(data: CategoryData): NewRow<Category> {
  return withId(data.id, { name: data.name, nameKey: foldCase(data.name), nameSortKey: foldForSort(data.name), createdAt: data.createdAt });
}

export function storedTodo(data: TodoData & { id: number }): Todo;
export function storedTodo(data: TodoData): NewRow<Todo>;
export function storedTodo(data: TodoData): NewRow<Todo> {
  const row: NewRow<Todo> = {
    title: data.title,
    titleKey: foldForSort(data.title),
    done: flag(data.done),
    // Undated to-dos sort after every dated one, and are still in the index.
    dueKey: data.dueDate ?? NO_DUE_DATE,
    createdAt: data.createdAt,
    updatedAt: data.updatedAt,
  };
  withOptional(row, {
    notes: data.notes,
    dueDate: data.dueDate,
    userId: data.userId,
    categoryId: data.categoryId,
    completedAt: data.completedAt,
  });
  return withId(data.id, row);
}

export function storedPost(data: PostData & { id: number }): Post;
export function storedPost(data: PostData): NewRow<Post>;
export function storedPost(data: PostData): NewRow<Post> {
  const row: NewRow<Post> = {
    title: data.title,
    titleKey: foldForSort(data.title),
    body: data.body,
    pubDate: data.pubDate,
    categoryId: data.categoryId,
  };
  return withId(data.id, withOptional(row, { authorId: data.authorId }));
}

export function storedMovie(data: MovieData & { id: number }): Movie;
export function storedMovie(data: MovieData): NewRow<Movie>;
export function storedMovie(data: MovieData): NewRow<Movie> {
  const row: NewRow<Movie> = {
    title: data.title,
    titleKey: foldForSort(data.title),
    // 0 when unknown, so every movie can be ordered by year.
    yearKey: data.year ?? 0,
    watched: flag(data.watched),
    createdAt: data.createdAt,
  };
  return withId(data.id, withOptional(row, { year: data.year, rating: data.rating, notes: data.notes }));
}

/** Every model's row function, by table name: for code that writes whole tables (the bench's seed). */
export const storedRow = {
  users: storedUser,
  categories: storedCategory,
  todos: storedTodo,
  posts: storedPost,
  movies: storedMovie,
} as const;
