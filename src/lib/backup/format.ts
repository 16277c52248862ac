// What a Tend backup file is, shared by export and import.
import type { Category, FormerId, Movie, Post, Todo, User } from '../../db/models';
import type { Link } from '../links';

export const APP_NAME = 'Tend';

/**
 * The household's data, in the order import checks and writes it: users and categories
 * before the to-dos and posts that point at them. `migrations` describes a device, not a
 * household, so it is never part of a backup (and is ignored in a file that has it).
 */
export const BACKUP_TABLES = ['users', 'categories', 'todos', 'posts', 'movies'] as const;
export type BackupTableName = (typeof BACKUP_TABLES)[number];

export interface BackupTables {
  users: User[];
  categories: Category[];
  todos: Todo[];
  posts: Post[];
  movies: Movie[];
}

/** The file: `kind: 'snapshot'` is the same shape, written from the snapshot before an upgrade. */
export interface BackupFile {
  app: typeof APP_NAME;
  kind: 'backup' | 'snapshot';
  schemaVersion: number;
  /** ISO 8601. */
  exportedAt: string;
  tables: BackupTables;
}

/**
 * Refused before the file is even parsed: JSON.parse holds the whole text and its objects in
 * memory at once, and a phone tab can run out of memory on much more. Far above any real
 * household's data.
 */
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;

/**
 * The most rows per table Tend imports, checked before any row is validated. Import writes a
 * table in one bulkAdd inside one transaction; 100 000 rows is what the unit tests prove
 * round-trips (export, clear, import) in fake-indexeddb within their time budget, and far
 * more than a household keeps. Real IndexedDB is faster, so this can be raised once a
 * browser test proves a larger number.
 */
export const MAX_ROWS_PER_TABLE = 100_000;

/** Problems listed at most; after ten, a person needs to fix the file's source, not read more. */
export const MAX_PROBLEMS = 10;

/**
 * A file that cannot be imported, in words for the page. `problems` lists up to ten (each
 * naming the table, row and field), and the message is the first. Nothing was written.
 */
export class BackupError extends Error {
  readonly problems: string[];

  constructor(problems: string | string[]) {
    const list = typeof problems === 'string' ? [problems] : problems.slice(0, MAX_PROBLEMS);
    super(list[0] ?? 'This file cannot be imported');
    this.name = 'BackupError';
    this.problems = list;
  }
}

/** "todos, row 3, title: …": row numbers count from 1, in the file's order. */
export function problemAt(table: string, index: number, field: string | undefined, message: string): string {
  return `${table}, row ${index + 1}${field === undefined ? '' : `, ${field}`}: ${message}`;
}

export const SINGULAR: Record<BackupTableName, string> = {
  users: 'user',
  categories: 'category',
  todos: 'to-do',
  posts: 'post',
  movies: 'movie',
};

/** Empty tables, to fill. */
export function emptyTables(): BackupTables {
  return { users: [], categories: [], todos: [], posts: [], movies: [] };
}

export type ImportMode = 'replace' | 'merge';

/** A file checked completely, its rows carried forward to the current schema, ready to write. */
export interface ParsedBackup {
  kind: 'backup' | 'snapshot';
  /** The schema version that made the file. */
  schemaVersion: number;
  exportedAt: string;
  tables: BackupTables;
  /** References to ids the file does not hold; see OutsideReference. */
  outside: OutsideReference[];
  /** A file made before schema 5: its rows' numbers, beside the ids they were given. */
  formerIds?: FormerId[];
}

export interface ImportSummary {
  mode: ImportMode;
  /** Rows written, per table. */
  added: Record<BackupTableName, number>;
  /** Merge only: the file's users and categories that were already in Tend by name. */
  matched: { users: number; categories: number };
}

/**
 * A reference to an id the file does not hold. Replace refuses it; merge accepts it when Tend
 * already has that row (a file of to-dos for people already in Tend), which only the database
 * can say, so it is settled inside the import's transaction.
 */
export interface OutsideReference extends Link {
  /** The referring row's index in its table. */
  index: number;
  id: string;
}
