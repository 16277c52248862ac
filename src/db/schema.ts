import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { v7 } from 'uuid';
import { COUNTS_TABLE, type Category, type FormerId, type Migration, type Movie, type OutboxEntry, type Post, type SyncedRevision, type SyncNote, type Todo, type TodoCounts, type User } from './models.ts';
// With its extension: vite.config.ts loads this file too, with Node's own module rules.
import { DATABASE_NAME } from './raw.ts';
import { doneChanged, recountTodos, todoCountsMiddleware } from './todo-counts.ts';

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
   * from a snapshot or a backup made by an older version. The to-do counts (todo-counts.ts)
   * do not follow an upgrade's writes: the upgrade counts the to-dos again at its end when a
   * rewrite moved one between left and done, or a version made, moved or re-keyed the to-dos
   * (changesTodoCounts below), so no version has to remember to.
   */
  rows?: Record<string, (row: StoredRow) => StoredRow>;
  /**
   * A rewrite that needs several tables at once (new ids, and the links that follow them):
   * it gets the tables named in `reads` and returns tables by name, and runs after `rows`.
   * Like `rows`, used by the upgrade and by bringForward(); it throws, naming the row, on rows
   * it cannot rewrite, and the upgrade then changes nothing.
   */
  tables?: { reads: readonly string[]; rewrite: (tables: Record<string, StoredRow[]>) => Record<string, StoredRow[]> };
  /**
   * Tables whose rows move to another table (from → to) once rewritten, the old one dropped:
   * IndexedDB keeps a store's key for life, so a new kind of key needs a new store.
   */
  moves?: Record<string, string>;
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
  {
    version: 5,
    description: 'Ids that never collide: every row gets a time-ordered UUID, its links follow, old numbers kept for old addresses',
    // Dexie cannot change a table's key in place, so the rows move to tables keyed by the new
    // ids, and version 6 moves them back under their own names. Upgrading from 4 runs both in
    // one IndexedDB transaction: a failure in either leaves version 4 exactly as it was.
    stores: {
      users: null,
      categories: null,
      todos: null,
      posts: null,
      movies: null,
      rekeyedUsers: 'id',
      rekeyedCategories: 'id',
      rekeyedTodos: 'id',
      rekeyedPosts: 'id',
      rekeyedMovies: 'id',
      formerIds: '[table+formerId]',
    },
    tables: {
      reads: ['users', 'categories', 'todos', 'posts', 'movies'],
      rewrite: (tables) => {
        // Self-contained, as shipped (the fingerprint hashes this text). New ids are made in
        // the order of the old numbers, and UUIDv7 from one device only grows, so rows that
        // tie in a list keep the order the numbers gave them. Rows keep the order they came in.
        const formerIds: StoredRow[] = [];
        const rekey = (table: string) => {
          const rows = tables[table] ?? [];
          const ids = new Map<number, string>();
          for (const row of rows) {
            const id = row?.id;
            if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
              throw new Error(`${table}: the id ${JSON.stringify(id)} is not a positive whole number`);
            }
            if (ids.has(id)) throw new Error(`${table}: two rows have the id ${id}`);
            ids.set(id, '');
          }
          for (const former of [...ids.keys()].sort((a, b) => a - b)) {
            const id = v7();
            ids.set(former, id);
            formerIds.push({ table, formerId: former, id });
          }
          return { ids, rows: rows.map((row) => ({ ...row, id: ids.get(row.id as number) })) };
        };
        const users = rekey('users');
        const categories = rekey('categories');
        const follow = (rows: StoredRow[], table: string, field: string, target: string, targetIds: Map<number, string>) =>
          rows.map((row, index) => {
            const former = row[field];
            if (former === undefined) return row;
            const id = targetIds.get(former as number);
            if (id === undefined) {
              throw new Error(`${table}, row ${index + 1}: ${field} ${JSON.stringify(former)} names no row of ${target} (it should be one of its ids)`);
            }
            return { ...row, [field]: id };
          });
        const todos = rekey('todos');
        const posts = rekey('posts');
        return {
          users: users.rows,
          categories: categories.rows,
          todos: follow(follow(todos.rows, 'todos', 'userId', 'users', users.ids), 'todos', 'categoryId', 'categories', categories.ids),
          posts: follow(follow(posts.rows, 'posts', 'categoryId', 'categories', categories.ids), 'posts', 'authorId', 'users', users.ids),
          movies: rekey('movies').rows,
          formerIds,
        };
      },
    },
    moves: { users: 'rekeyedUsers', categories: 'rekeyedCategories', todos: 'rekeyedTodos', posts: 'rekeyedPosts', movies: 'rekeyedMovies' },
  },
  {
    version: 6,
    description: 'Tables keyed by the new ids take back their own names, with every index',
    stores: {
      rekeyedUsers: null,
      rekeyedCategories: null,
      rekeyedTodos: null,
      rekeyedPosts: null,
      rekeyedMovies: null,
      users: 'id, &usernameKey, &emailKey, [usernameSortKey+id], [emailKey+id]',
      todos:
        'id, [dueKey+id], [titleKey+id], [done+dueKey+id], [done+titleKey+id], [userId+dueKey+id], [categoryId+dueKey+id]',
      categories: 'id, &nameKey, [nameSortKey+id]',
      posts: 'id, [pubDate+id], [titleKey+id], [categoryId+pubDate+id], [categoryId+titleKey+id], [authorId+pubDate+id]',
      movies: 'id, [titleKey+id], [yearKey+id], [watched+titleKey+id], [watched+yearKey+id]',
    },
    moves: { rekeyedUsers: 'users', rekeyedCategories: 'categories', rekeyedTodos: 'todos', rekeyedPosts: 'posts', rekeyedMovies: 'movies' },
  },
  {
    version: 7,
    description: 'What this device keeps for sync: changes to send, the revision each row was synced at, and things to look at',
    // Device tables only: no row of the household's data is rewritten (src/lib/sync).
    stores: { outbox: 'id', synced: 'id', syncNotes: 'id' },
  },
  {
    version: 8,
    description: 'How many to-dos are left and done, kept in one row that every write of to-dos updates',
    // Device-only and derived (src/db/todo-counts.ts): the upgrade counts the to-dos into it.
    stores: { counts: 'table' },
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
 * Tables that are not the household's data: what describes this device (migration history,
 * sync's records) and what is derived from the data (the to-do counts, recounted from the
 * to-dos wherever they come from). Left out of backups, snapshot restores, undo and row counts.
 */
const DEVICE_TABLES: ReadonlySet<string> = new Set(['migrations', 'formerIds', 'outbox', 'synced', 'syncNotes', COUNTS_TABLE]);

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
  formerIds!: EntityTable<FormerId, 'table' | 'formerId'>;
  outbox!: EntityTable<OutboxEntry, 'id'>;
  synced!: EntityTable<SyncedRevision, 'id'>;
  syncNotes!: EntityTable<SyncNote, 'id'>;
  counts!: EntityTable<TodoCounts, 'table'>;
  /** The schema history this database is declared with (sync reads older rows forward by it). */
  readonly versions: readonly SchemaVersion[];

  /**
   * `upTo` declares only the versions up to that number, and `versions` replaces the history:
   * tests use them to make old databases and to try an upgrade that fails.
   */
  constructor(name = DATABASE_NAME, { upTo = Infinity, versions = schemaVersions }: { upTo?: number; versions?: readonly SchemaVersion[] } = {}) {
    super(name);
    this.use(todoCountsMiddleware);
    const declared = versions.filter((version) => version.version <= upTo);
    this.versions = declared;
    const last = declared[declared.length - 1];
    // Versions applied in this open whose record waits for the migrations table to exist.
    const unrecorded: number[] = [];
    // Whether this open's upgrades left the to-do counts to be counted again (see below).
    let recount = false;
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
              if (table === 'todos' && doneChanged(row, ref.value)) recount = true;
            });
          }
          if (version.tables || version.moves) await rewriteTables(tx.idbtrans, version);
          recount ||= changesTodoCounts(version);
          // An upgrade's writes of to-dos do not adjust the counts (todo-counts.ts), so the
          // last version applied counts them once, whichever versions moved them.
          if (version === last && recount && tx.idbtrans.objectStoreNames.contains(COUNTS_TABLE)) await recountTodos(tx.idbtrans);
          if (version === last) recount = false;
          unrecorded.push(version.version);
          if (recordsHistory) recordUpgrades(tx, declared, unrecorded.splice(0));
        });
    }
    // A new database runs no upgrades: it is created at the latest version directly.
    if (hasHistory) this.on('populate', (tx) => recordCreation(tx, declared));
  }
}

/**
 * Whether a version leaves the to-do counts to be counted again: it makes the counts store, or
 * rewrites, moves or re-declares the to-dos other than through `rows` (whose rewrite is watched
 * row by row: only one that moves a to-do between left and done needs a recount).
 */
function changesTodoCounts({ stores, tables, moves = {} }: SchemaVersion): boolean {
  return COUNTS_TABLE in stores || 'todos' in stores || Boolean(tables?.reads.includes('todos')) || 'todos' in moves || Object.values(moves).includes('todos');
}

/**
 * A version's `tables` rewrite and `moves`, inside its upgrade. Plain IndexedDB: Dexie's table
 * API in an upgrade knows neither the stores it creates nor the ones it drops. Every read and
 * write is awaited, so a failure rejects the upgrade and rolls the whole transaction back.
 */
async function rewriteTables(idbtrans: IDBTransaction, version: SchemaVersion) {
  let tables: Record<string, StoredRow[]> = {};
  for (const name of version.tables?.reads ?? []) tables[name] = await readStore(idbtrans.objectStore(name));
  if (version.tables) tables = version.tables.rewrite(tables);
  for (const from of Object.keys(version.moves ?? {})) {
    tables[from] ??= await readStore(idbtrans.objectStore(from));
  }
  for (const [name, rows] of Object.entries(tables)) {
    const into = version.moves?.[name] ?? name;
    const store = idbtrans.objectStore(into);
    // A table rewritten where it is starts again empty; a moved one lands in a new store.
    if (into === name && version.tables?.reads.includes(name)) await settled(store.clear());
    let last: IDBRequest | undefined;
    for (const row of rows) last = store.add(row);
    if (last) await settled(last);
  }
}

function readStore(store: IDBObjectStore): Promise<StoredRow[]> {
  return settled(store.getAll() as IDBRequest<StoredRow[]>);
}

/**
 * A request's result. Requests in one transaction complete in order, so awaiting a table's
 * last add waits for all of them; an add that fails aborts the transaction, which rejects the upgrade.
 */
function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('A write in the upgrade failed'));
  });
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
    for (const [table, rewrite] of Object.entries(version.rows ?? {})) {
      if (current[table]) current = { ...current, [table]: current[table].map(rewrite) };
    }
    if (version.tables) {
      const read = Object.fromEntries(version.tables.reads.map((name) => [name, current[name] ?? []]));
      current = { ...current, ...version.tables.rewrite(read) };
    }
    for (const [from, to] of Object.entries(version.moves ?? {})) {
      if (current[from]) current[to] = current[from];
      delete current[from];
    }
    for (const [table, declaration] of Object.entries(version.stores)) {
      if (declaration === null) delete current[table];
    }
  }
  return current;
}
