import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Category, Migration, Movie, Post, Todo, User } from './models';
// With its extension: vite.config.ts loads this file too, with Node's own module rules.
import { DATABASE_NAME } from './raw.ts';

/** A row as stored, before a version's rewrite gives it the next shape. */
export type StoredRow = Record<string, unknown>;

export interface SchemaVersion {
  version: number;
  /** One line, shown in the database history. */
  description: string;
  /** Only the tables this version adds or changes; `null` drops a table. */
  stores: Record<string, string | null>;
  /**
   * How this version rewrites existing rows, per table. Plain functions, written once and
   * used twice: by Dexie's upgrade on this device's rows, and by bringForward() on rows
   * from a snapshot or a backup made by an older version.
   */
  rows?: Record<string, (row: StoredRow) => StoredRow>;
}

/**
 * The whole schema history, oldest first. Append-only: a version that has shipped is never
 * edited, because databases made by it exist on people's devices (a unit test compares every
 * version with a committed fingerprint). A change is a new entry.
 *
 * Lists page through compound indexes ending in the primary key (`[titleKey+id]`), so every
 * key is unique and a page can start exactly after the last row of the one before (keyset
 * paging). A leading field such as `done` or `categoryId` selects a filtered slice in order.
 */
const shippedVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    description: 'Users, with usernames and emails unique ignoring case',
    stores: { users: '++id, &usernameKey, &emailKey' },
  },
  {
    version: 2,
    description: 'To-dos, categories, posts and movies, indexed for ordered, filtered and searched lists',
    stores: {
      users: '++id, &usernameKey, &emailKey, [usernameKey+id], [emailKey+id]',
      todos:
        '++id, [dueKey+id], [titleKey+id], [done+dueKey+id], [done+titleKey+id], [userId+dueKey+id], [categoryId+dueKey+id]',
      categories: '++id, &nameKey, [nameKey+id]',
      posts: '++id, [pubDate+id], [titleKey+id], [categoryId+pubDate+id], [categoryId+titleKey+id], [authorId+pubDate+id]',
      movies: '++id, [titleKey+id], [yearKey+id], [watched+titleKey+id], [watched+yearKey+id]',
    },
  },
  {
    version: 3,
    description: 'Migration history: which schema versions this device applied, and when',
    stores: { migrations: 'version' },
  },
  {
    version: 4,
    description: 'Names and titles sorted and searched ignoring case and accents',
    stores: {
      users: '++id, &usernameKey, &emailKey, [usernameSortKey+id], [emailKey+id]',
      categories: '++id, &nameKey, [nameSortKey+id]',
    },
    // Each rewrite holds its own folds, as they were when this version shipped: a rewrite is
    // fingerprinted by its text, and must not change when the app's own folds (src/lib/text.ts)
    // change later; that would be a new version. Unique keys lower-case then compose (NFC), so
    // "W\u030Aill" and "ẘill" get one key; sort keys also drop every accent (NFD, marks removed).
    // Should two users' (or categories') new unique keys meet, the unique index refuses the
    // upgrade, which then changes nothing and says so (only names whose accent follows a
    // capital with no composed form, like "W\u030A", can meet).
    rows: {
      users: (row) => {
        const lower = String(row.username).toLowerCase();
        const next = { ...row, usernameKey: lower.normalize('NFC'), usernameSortKey: lower.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC') };
        return typeof row.email === 'string' ? { ...next, emailKey: row.email.toLowerCase().normalize('NFC') } : next;
      },
      categories: (row) => {
        const lower = String(row.name).toLowerCase();
        return { ...row, nameKey: lower.normalize('NFC'), nameSortKey: lower.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC') };
      },
      todos: (row) => ({ ...row, titleKey: String(row.title).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC') }),
      posts: (row) => ({ ...row, titleKey: String(row.title).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC') }),
      movies: (row) => ({ ...row, titleKey: String(row.title).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC') }),
    },
  },
];

/** The history with, in a test build only, one more version after the last real one. */
export const schemaVersions: readonly SchemaVersion[] = [...shippedVersions, ...extraVersions(shippedVersions.length + 1)];

/**
 * Builds made to prove a real update (VITE_TEST_SCHEMA_VERSION=1, used by the end-to-end
 * update test) carry one more version that rewrites every to-do. Never in a normal build.
 * Read from the build's environment in the app, and from the process when vite.config.ts
 * imports this file to publish the version.
 */
function extraVersions(next: number): SchemaVersion[] {
  const wanted = import.meta.env?.VITE_TEST_SCHEMA_VERSION ?? globalThis.process?.env?.VITE_TEST_SCHEMA_VERSION;
  if (!wanted) return [];
  return [
    {
      version: next,
      description: 'Test build only: marks every to-do’s notes as migrated',
      stores: {},
      rows: { todos: (todo) => ({ ...todo, notes: `${String(todo.notes ?? '')} (migrated)`.trim() }) },
    },
  ];
}

export const latestVersion = schemaVersions[schemaVersions.length - 1]!.version;

/** The latest version a normal build has; a test build's extra version comes after it. */
export const latestShippedVersion = shippedVersions[shippedVersions.length - 1]!.version;

/**
 * Tables that describe this device rather than hold the household's data: left out of
 * backups, snapshot restores, undo and row counts.
 */
const DEVICE_TABLES: ReadonlySet<string> = new Set(['migrations']);

export function isDataTable(name: string): boolean {
  return !DEVICE_TABLES.has(name);
}

export class TendDB extends Dexie {
  users!: EntityTable<User, 'id'>;
  todos!: EntityTable<Todo, 'id'>;
  categories!: EntityTable<Category, 'id'>;
  posts!: EntityTable<Post, 'id'>;
  movies!: EntityTable<Movie, 'id'>;
  migrations!: EntityTable<Migration, 'version'>;

  /**
   * `upTo` declares only the versions up to that number, and `versions` replaces the history:
   * tests use them to make old databases and to try an upgrade that fails.
   */
  constructor(name = DATABASE_NAME, { upTo = Infinity, versions = schemaVersions }: { upTo?: number; versions?: readonly SchemaVersion[] } = {}) {
    super(name);
    const declared = versions.filter((version) => version.version <= upTo);
    // Versions applied in this open whose record waits for the migrations table to exist.
    const unrecorded: number[] = [];
    let hasHistory = false;
    for (const version of declared) {
      if ('migrations' in version.stores) hasHistory = version.stores.migrations !== null;
      const recordsHistory = hasHistory;
      this.version(version.version)
        .stores(version.stores)
        .upgrade(async (tx) => {
          for (const [table, rewrite] of Object.entries(version.rows ?? {})) {
            await tx.table(table).toCollection().modify((row: StoredRow, ref: { value: StoredRow }) => {
              ref.value = rewrite(row);
            });
          }
          unrecorded.push(version.version);
          if (recordsHistory) recordUpgrades(tx, declared, unrecorded.splice(0));
        });
    }
    // A new database runs no upgrades: it is created at the latest version directly.
    if (hasHistory) this.on('populate', (tx) => recordCreation(tx, declared));
  }
}

/**
 * Writes the history within the upgrade's own transaction, so history and data change together
 * or not at all. Written to the object store directly: Dexie's table API in an upgrade only
 * knows the stores that existed when the upgrade began, not one this upgrade just created.
 */
function recordUpgrades(tx: Transaction, declared: readonly SchemaVersion[], applied: number[]) {
  const migrations = tx.idbtrans.objectStore('migrations');
  const now = Date.now();
  // Created just now: the versions this device had before are known, but not when they came.
  const historyBegins = applied.some((version) => declared.find((v) => v.version === version)?.stores.migrations);
  const firstApplied = Math.min(...applied);
  for (const { version, description } of declared) {
    if (applied.includes(version)) {
      migrations.put({ version, description, appliedAt: now, how: 'upgraded' } satisfies Migration);
    } else if (historyBegins && version < firstApplied) {
      migrations.put({ version, description, appliedAt: null, how: 'before-history' } satisfies Migration);
    }
  }
}

function recordCreation(tx: Transaction, declared: readonly SchemaVersion[]) {
  const now = Date.now();
  return tx
    .table<Migration, number>('migrations')
    .bulkPut(declared.map(({ version, description }) => ({ version, description, appliedAt: now, how: 'created' as const })));
}

/**
 * Carries rows from a database (or a backup) made by `fromVersion` forward through every
 * later version's rewrites, into the shape the running code stores.
 */
export function bringForward(
  tables: Record<string, StoredRow[]>,
  fromVersion: number,
  versions: readonly SchemaVersion[] = schemaVersions,
): Record<string, StoredRow[]> {
  let current = { ...tables };
  for (const version of versions) {
    if (version.version <= fromVersion) continue;
    for (const [table, declaration] of Object.entries(version.stores)) {
      if (declaration === null) delete current[table];
    }
    for (const [table, rewrite] of Object.entries(version.rows ?? {})) {
      if (current[table]) current = { ...current, [table]: current[table].map(rewrite) };
    }
  }
  return current;
}
