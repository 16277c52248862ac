// Stored rows built by Tend's own row functions (derived keys included), and the few steps
// every backup test repeats.
import { expect } from 'vitest';
import { db } from '../../../src/db/db';
import type { Category, Movie, Post, RowId, Todo, User } from '../../../src/db/models';
import { latestVersion } from '../../../src/db/schema';
import { BACKUP_TABLES, BackupError, type BackupTables } from '../../../src/lib/backup/format';
import { importBackup, readBackup, type ImportMode } from '../../../src/lib/backup/import';
import { storedCategory, storedMovie, storedPost, storedTodo, storedUser } from '../../../src/lib/stored-rows';
import { everyRow } from '../support';

export const T0 = Date.UTC(2024, 0, 15, 9, 30);

/** A fixed id that reads as a number: 1 → '00000000-0000-7000-8000-000000000001'. */
export function idOf(n: number): RowId {
  return `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/** A link as the factories take it: a number is idOf(number), a string an id as it is. */
type Ref = number | RowId;

function ref(value: Ref): RowId;
function ref(value: Ref | undefined): RowId | undefined;
function ref(value: Ref | undefined): RowId | undefined {
  return typeof value === 'number' ? idOf(value) : value;
}

export function user(id: Ref, username: string, more: Partial<Pick<User, 'email' | 'createdAt'>> = {}): User {
  return storedUser({ id: ref(id), username, email: more.email, createdAt: more.createdAt ?? T0 });
}

export function category(id: Ref, name: string, createdAt = T0): Category {
  return storedCategory({ id: ref(id), name, createdAt });
}

type TodoMore = Partial<Omit<Todo, 'id' | 'title' | 'titleKey' | 'dueKey' | 'userId' | 'categoryId'>> & { userId?: Ref; categoryId?: Ref };

export function todo(id: Ref, title: string, { userId, categoryId, ...more }: TodoMore = {}): Todo {
  return storedTodo({ id: ref(id), title, done: 0, createdAt: T0, updatedAt: T0, ...more, userId: ref(userId), categoryId: ref(categoryId) });
}

export function post(id: Ref, title: string, categoryId: Ref, { authorId, ...more }: Partial<Pick<Post, 'body' | 'pubDate'>> & { authorId?: Ref } = {}): Post {
  return storedPost({ id: ref(id), title, body: 'Body', pubDate: T0, categoryId: ref(categoryId), ...more, authorId: ref(authorId) });
}

type MovieMore = Partial<Omit<Movie, 'id' | 'title' | 'titleKey' | 'yearKey'>>;

export function movie(id: Ref, title: string, more: MovieMore = {}): Movie {
  return storedMovie({ id: ref(id), title, watched: 0, createdAt: T0, ...more });
}

/** Writes rows straight into Tend, ids and all, as a device that already had them would hold them. */
export async function seed(tables: Partial<BackupTables>): Promise<void> {
  await db.transaction('rw', BACKUP_TABLES.map((name) => db.table(name)), async () => {
    for (const name of BACKUP_TABLES) {
      const rows = tables[name];
      if (rows?.length) await db.table(name).bulkAdd(rows);
    }
  });
}

/** Every data table as it is now, for "changed nothing" and "gave back the same". */
export async function everything(): Promise<BackupTables> {
  return (await everyRow()) as unknown as BackupTables;
}

export async function clearEverything(): Promise<void> {
  await db.transaction('rw', BACKUP_TABLES.map((name) => db.table(name)), () =>
    Promise.all(BACKUP_TABLES.map((name) => db.table(name).clear())),
  );
}

/** A file's object: a current-schema backup with these tables (the rest empty) and these changes. */
export function backupOf(tables: Partial<Record<keyof BackupTables, unknown[]>> = {}, envelope: Record<string, unknown> = {}) {
  return {
    app: 'Tend',
    kind: 'backup',
    schemaVersion: latestVersion,
    exportedAt: new Date(T0).toISOString(),
    tables: { users: [], categories: [], todos: [], posts: [], movies: [], ...tables },
    ...envelope,
  };
}

export function textOf(file: unknown): string {
  return JSON.stringify(file);
}

/** What the page does with a chosen file: read it, then import it. */
export async function importText(text: string, mode: ImportMode = 'replace', size = text.length) {
  return importBackup(readBackup(text, size), mode);
}

/** The BackupError an import is refused with (reading and writing both count). */
export async function refusal(attempt: () => Promise<unknown>): Promise<BackupError> {
  const error = await attempt().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

/** The fields that hold an id: a row's own, and its links. */
const ID_FIELDS = ['id', 'userId', 'categoryId', 'authorId'];

/** A row as a file made before schema 5 holds it: its id and links as numbers (idOf(3) → 3). */
export function numbered(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const field of ID_FIELDS) if (typeof out[field] === 'string') out[field] = Number(String(out[field]).slice(-12));
  return out;
}
