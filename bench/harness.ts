// The bench harness: Tend's own data code and the plainest raw IndexedDB code for the same
// work, side by side in one page, exposed as `window.bench` for bench/run.mjs to drive.
// Every function times itself with performance.now() inside the page, so the figures carry
// no DevTools protocol round trips. Built twice by bench/vite.bench.config.ts: as is (the
// latest schema version, 8) and with VITE_TEST_SCHEMA_VERSION=1, whose extra version (9)
// rewrites every to-do (the upgrade figures).
import { liveQuery, type DBCore, type Middleware } from 'dexie';
import { db } from '../src/db/db';
import type { Todo, TodoCounts } from '../src/db/models';
import { latestShippedVersion, latestVersion, TendDB, type StoredRow } from '../src/db/schema';
import { checkTables } from '../src/lib/backup/checks';
import { carryForward, checkSize, parseJson, readEnvelope } from '../src/lib/backup/envelope';
import { importBackup, readBackup } from '../src/lib/backup/import';
import { DatabaseStatus, openDatabase } from '../src/lib/database.svelte';
import { orderingFor, type Page } from '../src/lib/paging';
import { postsModel } from '../src/lib/posts/model';
import { todosModel } from '../src/lib/todos/model';
import { setDone } from '../src/lib/todos/mutations';
import { todoCounts, type TodoRow } from '../src/lib/todos/queries';
import { LINKS } from '../src/lib/links';
import { storedRow } from '../src/lib/stored-rows';
import { fieldsOf, type RowDoc } from '../src/lib/sync/documents';
import { v7 } from 'uuid';
import { benchData } from './data.mjs';

type Row = Record<string, unknown> & { id: string };
type Tables = Record<string, Row[]>;

/** The database every Tend module uses (`db` from src/db/db.ts is `new TendDB()`). */
const NAME = db.name;
const TABLES = ['users', 'categories', 'todos', 'posts', 'movies'] as const;
const PAGE = 50;
/** Dexie keeps its version times ten in IndexedDB's version number. */
const DEXIE_FACTOR = 10;
/** The search the figures use: two verbs in sixteen start with it (bench/data.mjs). */
const SEARCH = 'bu';

let tables: Tables | undefined;
let backupText = '';
let raw: IDBDatabase | undefined;

const now = () => performance.now();

// ---------------------------------------------------------------- plain IndexedDB helpers

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** The raw connection the floors use, opened at whatever version the database has. */
async function rawDb(): Promise<IDBDatabase> {
  if (raw) return raw;
  const connection = await request(indexedDB.open(NAME));
  connection.onversionchange = () => {
    connection.close();
    if (raw === connection) raw = undefined;
  };
  raw = connection;
  return connection;
}

function closeRaw() {
  raw?.close();
  raw = undefined;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

/** IndexedDB 3.0 (Chromium 141+): getAll takes { query, count, direction }, so a reverse page is one call. */
const hasIdb3 = typeof IDBObjectStore !== 'undefined' && 'getAllRecords' in IDBObjectStore.prototype;

type ReverseGetAll = (options: { query: IDBKeyRange | null; count: number; direction: IDBCursorDirection }) => IDBRequest<Row[]>;

/** Up to `count` rows from one end of an index range: getAll, or a 'prev' cursor where getAll cannot go backwards. */
function readEnd(source: IDBIndex, query: IDBKeyRange | null, count: number, direction: 'next' | 'prev'): Promise<Row[]> {
  if (direction === 'next') return request(source.getAll(query, count) as IDBRequest<Row[]>);
  if (hasIdb3) return request((source.getAll as unknown as ReverseGetAll).call(source, { query, count, direction }));
  return new Promise((resolve, reject) => {
    const rows: Row[] = [];
    const req = source.openCursor(query, 'prev');
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor || rows.length === count) return resolve(rows);
      rows.push(cursor.value as Row);
      cursor.continue();
    };
    req.onerror = () => reject(req.error);
  });
}

/** One `get` per distinct id, all in the caller's transaction. */
async function getEach(store: IDBObjectStore, ids: unknown[]): Promise<Map<string, Row>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  const rows = await Promise.all(wanted.map((id) => request(store.get(id) as IDBRequest<Row | undefined>)));
  return new Map(rows.filter((row): row is Row => row !== undefined).map((row) => [row.id, row]));
}

interface RawPage {
  rows: Row[];
  /** IndexedDB requests made: the page, then one get per distinct related row. */
  requests: number;
}

/** A page of to-dos with their owners' and categories' rows, in one readonly transaction. */
async function rawTodoPage(at: 'first' | 'last', search?: string): Promise<RawPage> {
  const tx = (await rawDb()).transaction(['todos', 'users', 'categories'], 'readonly');
  const index = tx.objectStore('todos').index(search === undefined ? '[dueKey+id]' : '[titleKey+id]');
  const range = search === undefined ? null : IDBKeyRange.bound([search], [`${search}\uffff`]);
  // One more than a page says whether there is another page, as Tend's page does.
  const read = await readEnd(index, range, PAGE + 1, at === 'first' ? 'next' : 'prev');
  const rows = read.slice(0, PAGE);
  if (at === 'last') rows.reverse();
  const [users, categories] = await Promise.all([
    getEach(tx.objectStore('users'), rows.map((row) => row.userId)),
    getEach(tx.objectStore('categories'), rows.map((row) => row.categoryId)),
  ]);
  const named = rows.map((row) => ({
    ...row,
    owner: users.get(row.userId as string)?.username,
    category: categories.get(row.categoryId as string)?.name,
  }));
  return { rows: named, requests: 1 + users.size + categories.size };
}

/** The newest page of posts with their categories' and authors' rows. */
async function rawPostsPage(): Promise<RawPage> {
  const tx = (await rawDb()).transaction(['posts', 'users', 'categories'], 'readonly');
  const rows = (await readEnd(tx.objectStore('posts').index('[pubDate+id]'), null, PAGE + 1, 'prev')).slice(0, PAGE);
  const [categories, authors] = await Promise.all([
    getEach(tx.objectStore('categories'), rows.map((row) => row.categoryId)),
    getEach(tx.objectStore('users'), rows.map((row) => row.authorId)),
  ]);
  const named = rows.map((row) => ({
    ...row,
    category: categories.get(row.categoryId as string)?.name,
    author: authors.get(row.authorId as string)?.username,
  }));
  return { rows: named, requests: 1 + categories.size + authors.size };
}

/** The to-dos' counts row, as Tend keeps it (src/db/todo-counts.ts). */
function countsRowOf(todos: readonly Row[] = []): TodoCounts {
  const completed = todos.filter((todo) => todo.done === 1).length;
  return { table: 'todos', active: todos.length - completed, completed };
}

async function rawPutAll(from: Tables): Promise<void> {
  const connection = await rawDb();
  // Written raw, the to-dos bypass what keeps their counts: the row is written as Tend would
  // have, in the same transaction (a version 4 database has no counts yet).
  const withCounts = connection.objectStoreNames.contains('counts');
  const tx = connection.transaction(withCounts ? [...TABLES, 'counts'] : [...TABLES], 'readwrite');
  for (const name of TABLES) {
    const store = tx.objectStore(name);
    for (const row of from[name] ?? []) store.put(row);
  }
  if (withCounts) tx.objectStore('counts').put(countsRowOf(from.todos));
  await committed(tx);
}

// ---------------------------------------------------------------- setup

function prepared(): Tables {
  if (!tables) throw new Error('call bench.prepare(todos) first');
  return tables;
}

/**
 * The generated rows as Tend stores them: every derived key computed by Tend's own row code,
 * each table in the order of its ids, as IndexedDB keeps it and an export reads it.
 */
function storedTables(todos: number): Tables {
  const data = benchData({ todos });
  return Object.fromEntries(
    TABLES.map((name) => {
      const shape = storedRow[name] as unknown as (row: Record<string, unknown>) => Row;
      return [name, (data[name] ?? []).map(shape).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))];
    }),
  );
}

/**
 * Makes the rows and the backup file Tend's import reads (the export's shape, at the latest
 * version a normal build has, so the test build's extra version carries it forward).
 */
async function prepare(todos: number) {
  tables = storedTables(todos);
  const file = { app: 'Tend', kind: 'backup', schemaVersion: latestShippedVersion, exportedAt: new Date(Date.UTC(2025, 0, 1)).toISOString(), tables };
  backupText = JSON.stringify(file);
  return {
    counts: Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length])),
    backupBytes: new TextEncoder().encode(backupText).length,
    schemaVersion: latestVersion,
    idb3: hasIdb3,
  };
}

/** No database at all: every connection closed, Tend's database and its snapshots deleted. */
async function wipe() {
  db.close();
  closeRaw();
  await deleteDatabase(NAME);
  await deleteDatabase(`${NAME}-snapshots`);
}

/** An empty Tend at this build's schema version, as Tend creates it. */
async function reset() {
  await wipe();
  await db.open();
}

/** Empty Tend, then every prepared row written raw (fast), for the figures that read. */
async function seed() {
  await reset();
  await rawPutAll(prepared());
  return counts();
}

async function counts() {
  const tx = (await rawDb()).transaction([...TABLES], 'readonly');
  const entries = await Promise.all(TABLES.map(async (name) => [name, await request(tx.objectStore(name).count())] as const));
  return Object.fromEntries(entries);
}

// ---------------------------------------------------------------- 1. import

async function assertEverythingStored() {
  const stored = await counts();
  for (const name of TABLES) {
    if (stored[name] !== prepared()[name]?.length) throw new Error(`${name}: ${stored[name]} rows stored`);
  }
}

/** Tend: readBackup (size, JSON, envelope, every row's rules, uniqueness, links) + importBackup('replace'). */
async function tendImport() {
  const t0 = now();
  const parsed = readBackup(backupText, backupText.length);
  const t1 = now();
  await importBackup(parsed, 'replace');
  const t2 = now();
  await assertEverythingStored();
  return { ms: t2 - t0, check: t1 - t0, write: t2 - t1 };
}

/** Where readBackup's time goes, step by step (the same calls readBackup makes). */
function tendImportSteps() {
  const t0 = now();
  checkSize(backupText, backupText.length);
  const json = parseJson(backupText);
  const t1 = now();
  const envelope = readEnvelope(json);
  const { tables: forward } = carryForward(envelope);
  const t2 = now();
  const checked = checkTables(forward);
  const t3 = now();
  // The plain parse alone, without Tend's walk (which refuses __proto__ and friends, and depth), for comparison.
  JSON.parse(backupText);
  const t4 = now();
  if (checked.problems.length > 0) throw new Error(checked.problems.join('\n'));
  return { parse: t1 - t0, envelope: t2 - t1, rowChecks: t3 - t2, plainParse: t4 - t3 };
}

/** Floor: JSON.parse, then one readwrite transaction of `put`s (after a clear, as replace does). */
async function rawImport() {
  const connection = await rawDb();
  const t0 = now();
  const file = JSON.parse(backupText) as { tables: Tables };
  const t1 = now();
  const tx = connection.transaction([...TABLES], 'readwrite');
  for (const name of TABLES) {
    const store = tx.objectStore(name);
    store.clear();
    for (const row of file.tables[name] ?? []) store.put(row);
  }
  await committed(tx);
  const t2 = now();
  await assertEverythingStored();
  return { ms: t2 - t0, parse: t1 - t0, write: t2 - t1 };
}

// ---------------------------------------------------------------- 2–4. pages

type ReadKind = 'todos-first' | 'todos-last' | 'search' | 'posts' | 'counts';

const tendRead: Record<ReadKind, () => Promise<Page<{ id: string }> | number[]>> = {
  'todos-first': () => todosModel.page(orderingFor(todosModel.listing, {}), { at: 'first' }, PAGE),
  'todos-last': () => todosModel.page(orderingFor(todosModel.listing, {}), { at: 'last' }, PAGE),
  search: () => todosModel.page(orderingFor(todosModel.listing, { search: SEARCH }), { at: 'first' }, PAGE),
  posts: () => postsModel.page(orderingFor(postsModel.listing, {}), { at: 'first' }, PAGE),
  // What the to-do screen keeps live beside its page: "N items left", and whether to offer
  // "Clear completed" (src/views/todos/TodoList.svelte), kept in one row.
  counts: async () => {
    const { left, completed } = await todoCounts();
    return [left, completed];
  },
};

/** The floor: one raw `get` of the row the two counts are kept in. */
async function rawCounts(): Promise<number[]> {
  const row = (await request((await rawDb()).transaction('counts', 'readonly').objectStore('counts').get('todos'))) as TodoCounts;
  return [row.active, row.completed];
}

/** The two counts as counting the index gives them, to check that the kept ones are right. */
async function countedCounts(): Promise<number[]> {
  const done = (await rawDb()).transaction('todos', 'readonly').objectStore('todos').index('[done+dueKey+id]');
  return Promise.all([request(done.count(IDBKeyRange.bound([0], [0, []]))), request(done.count(IDBKeyRange.bound([1], [1, []])))]);
}

const rawRead: Record<ReadKind, () => Promise<RawPage | number[]>> = {
  'todos-first': () => rawTodoPage('first'),
  'todos-last': () => rawTodoPage('last'),
  search: () => rawTodoPage('first', SEARCH),
  posts: () => rawPostsPage(),
  counts: rawCounts,
};

/** The same rows in the same order, with the same names, or the comparison means nothing. */
async function sameRows(kind: ReadKind) {
  if (kind === 'counts') {
    const [tend, floor, counted] = [await tendRead.counts(), await rawRead.counts(), await countedCounts()];
    if (String(tend) !== String(floor) || String(tend) !== String(counted)) {
      throw new Error(`counts: Tend ${String(tend)}, floor ${String(floor)}, counted ${String(counted)}`);
    }
    return { rows: 0, firstId: undefined, floorRequests: 1 };
  }
  const tend = (await tendRead[kind]()) as Page<{ id: string }>;
  const floor = (await rawRead[kind]()) as RawPage;
  const names = (row: Record<string, unknown>) => {
    const name = (value: unknown, field: string) => (value as Record<string, unknown> | undefined)?.[field];
    return kind === 'posts'
      ? `${row.id}:${String(name(row.category, 'name'))}:${String(name(row.author, 'username'))}`
      : `${row.id}:${String(name(row.owner, 'username'))}:${String(name(row.category, 'name'))}`;
  };
  const floorNames = (row: Row) =>
    kind === 'posts' ? `${row.id}:${String(row.category)}:${String(row.author)}` : `${row.id}:${String(row.owner)}:${String(row.category)}`;
  const a = tend.rows.map((row) => names(row as Record<string, unknown>)).join(',');
  const b = floor.rows.map(floorNames).join(',');
  if (tend.rows.length !== PAGE || a !== b) throw new Error(`${kind}: Tend and the floor read different pages\n${a}\n${b}`);
  return { rows: tend.rows.length, firstId: tend.rows[0]?.id, floorRequests: floor.requests };
}

/**
 * `reps` timed rounds over every kind, Tend and the floor alternating which goes first, after
 * `warmup` untimed rounds (optimised code, warm caches). Round-robin rather than kind after kind,
 * so that background work in the browser (LevelDB compacting after a big write) falls on
 * every kind alike.
 */
async function compareReads(kinds: ReadKind[], reps: number, warmup = 5) {
  const results = {} as Record<ReadKind, { tend: number[]; floor: number[]; rows: number; firstId?: string; floorRequests: number }>;
  for (const kind of kinds) results[kind] = { tend: [], floor: [], ...(await sameRows(kind)) };
  for (let i = 0; i < warmup; i++) for (const kind of kinds) await Promise.all([tendRead[kind](), rawRead[kind]()]);
  for (let i = 0; i < reps; i++) {
    for (const kind of kinds) {
      const order = i % 2 === 0 ? (['tend', 'floor'] as const) : (['floor', 'tend'] as const);
      for (const which of order) {
        const t0 = now();
        await (which === 'tend' ? tendRead[kind]() : rawRead[kind]());
        results[kind][which].push(now() - t0);
      }
    }
  }
  return results;
}

/** Every read that reaches IndexedDB during one Tend page, as `table.kind`. */
async function countReads(kind: ReadKind) {
  const reads: string[] = [];
  const name = 'bench-count-reads';
  const counter: Middleware<DBCore> = {
    stack: 'dbcore',
    name,
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName);
        const record = (what: string) => reads.push(`${tableName}.${what}`);
        return {
          ...table,
          get: (req) => (record('get'), table.get(req)),
          getMany: (req) => (record(`getMany(${req.keys.length})`), table.getMany(req)),
          query: (req) => (record('query'), table.query(req)),
          openCursor: (req) => (record('openCursor'), table.openCursor(req)),
          count: (req) => (record('count'), table.count(req)),
        };
      },
    }),
  };
  db.close();
  db.use(counter);
  await db.open();
  try {
    await tendRead[kind]();
  } finally {
    db.close();
    db.unuse({ stack: 'dbcore', name });
    await db.open();
  }
  return reads;
}

// ---------------------------------------------------------------- 5. toggle, data path only

/**
 * Tend's liveQuery round trip without the screen: a live first page (the list's own query),
 * setDone on its first row, until the page emitted shows the change. The end-to-end figure,
 * through the real UI, is measured by run.mjs in the production build.
 */
async function tendToggleLive(reps: number) {
  const ordering = orderingFor(todosModel.listing, {});
  let latest: Page<TodoRow> | undefined;
  let waiting: ((page: Page<TodoRow>) => void) | undefined;
  const subscription = liveQuery(() => todosModel.page(ordering, { at: 'first' }, PAGE)).subscribe({
    next: (page) => {
      latest = page;
      waiting?.(page);
    },
  });
  const emitted = (test: (page: Page<TodoRow>) => boolean) =>
    new Promise<void>((resolve) => {
      if (latest && test(latest)) resolve();
      waiting = (page) => {
        if (test(page)) resolve();
      };
    });
  try {
    await emitted(() => true);
    const times: number[] = [];
    for (let i = 0; i <= reps; i++) {
      const row = latest!.rows[0]!;
      const want = row.done === 1 ? 0 : 1;
      const t0 = now();
      const shown = emitted((page) => page.rows.find((each) => each.id === row.id)?.done === want);
      await setDone(row.id, want === 1);
      await shown;
      if (i > 0) times.push(now() - t0);
      // Let the rest of the liveQuery machinery settle before the next toggle.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return times;
  } finally {
    subscription.unsubscribe();
  }
}

/** Floor: a raw put of the toggled row, then a raw read of the same page (with names). */
async function rawToggle(reps: number) {
  const times: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const stored = (await rawTodoPage('first')).rows[0]!;
    const { owner: _owner, category: _category, ...todo } = stored as unknown as Todo & { owner?: unknown; category?: unknown };
    const t0 = now();
    const changed: Todo = { ...todo, done: todo.done === 1 ? 0 : 1, updatedAt: Date.now() };
    if (changed.done) changed.completedAt = changed.updatedAt;
    else delete changed.completedAt;
    const tx = (await rawDb()).transaction('todos', 'readwrite');
    tx.objectStore('todos').put(changed);
    await committed(tx);
    const page = await rawTodoPage('first');
    if (page.rows[0]?.done !== changed.done) throw new Error('raw toggle not seen');
    if (i > 0) times.push(now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times;
}

// ---------------------------------------------------------------- 6. upgrade (built with VITE_TEST_SCHEMA_VERSION=1)

async function assertMigrated(expectedVersion: number) {
  const connection = await request(indexedDB.open(NAME));
  try {
    if (connection.version / DEXIE_FACTOR !== expectedVersion) throw new Error(`database at ${connection.version / DEXIE_FACTOR}`);
    const tx = connection.transaction('todos', 'readonly');
    const [first, last] = await Promise.all([
      request(tx.objectStore('todos').openCursor(null, 'next')),
      request(tx.objectStore('todos').openCursor(null, 'prev')),
    ]);
    for (const cursor of [first, last]) {
      if (!String((cursor?.value as Todo | undefined)?.notes).endsWith('(migrated)')) throw new Error('a to-do was not rewritten');
    }
  } finally {
    connection.close();
  }
}

/**
 * Tend: openDatabase() as App.svelte calls it: the version check, a snapshot of every table,
 * then Dexie's upgrade. Its two parts are told apart by noting when openDatabase calls
 * `db.open()` on the instance, which it does right after the snapshot (so "snapshot" also
 * holds the version check, a few milliseconds).
 */
async function timedOpenDatabase() {
  const fresh = new TendDB();
  const open = fresh.open.bind(fresh);
  let opening = Number.NaN;
  fresh.open = () => {
    opening = now();
    return open();
  };
  const t0 = now();
  const phase = await openDatabase(fresh, new DatabaseStatus());
  const t1 = now();
  fresh.close();
  if (phase !== 'ready') throw new Error(`openDatabase ended ${phase}`);
  return { ms: t1 - t0, snapshot: opening - t0, upgrade: t1 - opening };
}

async function tendUpgrade() {
  if (latestVersion === latestShippedVersion) throw new Error('the upgrade figures need the harness built with VITE_TEST_SCHEMA_VERSION=1');
  const timed = await timedOpenDatabase();
  await assertMigrated(latestVersion);
  return timed;
}

/**
 * Floor: open with the next version and rewrite every to-do in the versionchange transaction,
 * the plainest way: `how` 'cursor' (openCursor + update) or 'bulk' (getAll, then put each).
 */
async function rawUpgrade(how: 'cursor' | 'bulk') {
  const current = await request(indexedDB.open(NAME));
  const version = current.version;
  current.close();
  const rewrite = (todo: Todo): Todo => ({ ...todo, notes: `${todo.notes ?? ''} (migrated)`.trim() });
  const t0 = now();
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(NAME, version + DEXIE_FACTOR);
    req.onupgradeneeded = () => {
      const store = req.transaction!.objectStore('todos');
      if (how === 'cursor') {
        const cursorReq = store.openCursor();
        cursorReq.onsuccess = () => {
          const cursor = cursorReq.result;
          if (!cursor) return;
          cursor.update(rewrite(cursor.value as Todo));
          cursor.continue();
        };
      } else {
        const all = store.getAll();
        all.onsuccess = () => {
          for (const todo of all.result as Todo[]) store.put(rewrite(todo));
        };
      }
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
  const ms = now() - t0;
  await assertMigrated(latestVersion);
  return { ms };
}

// ------------------------------------------------ 6d. re-keying a version 4 database (schema 5 and 6)


/** The prepared rows as version 4 stored them: numbered 1, 2, 3… per table, links by number. */
function numbered(tables: Tables): Tables {
  const numbers = new Map<unknown, number>();
  for (const name of TABLES) (tables[name] ?? []).forEach((row, index) => numbers.set(row.id, index + 1));
  return Object.fromEntries(
    TABLES.map((name) => [
      name,
      (tables[name] ?? []).map((row) => {
        const old: Record<string, unknown> = { ...row, id: numbers.get(row.id) };
        for (const { field } of LINKS) if (row[field] !== undefined) old[field] = numbers.get(row[field]);
        return old as Row;
      }),
    ]),
  );
}

/** A version 4 Tend, made by Tend's own schema history, holding every prepared row by number. */
async function seedVersion4() {
  await wipe();
  const old = new TendDB(NAME, { upTo: 4 });
  await old.open();
  old.close();
  await rawPutAll(numbered(prepared()));
  closeRaw();
  return counts();
}

async function assertRekeyed() {
  const connection = await request(indexedDB.open(NAME));
  try {
    if (connection.version / DEXIE_FACTOR !== latestVersion) throw new Error(`database at ${connection.version / DEXIE_FACTOR}`);
    const tx = connection.transaction([...TABLES, 'formerIds'], 'readonly');
    const first = await request(tx.objectStore('todos').openCursor());
    const formerIds = await request(tx.objectStore('formerIds').count());
    const rows = (await Promise.all(TABLES.map((name) => request(tx.objectStore(name).count())))).reduce((sum, count) => sum + count, 0);
    // Every row has a string id and an old number; 1,000 to-dos or more were there to re-key.
    if (typeof (first?.value as Row | undefined)?.id !== 'string' || formerIds !== rows || rows < 1000) throw new Error('the rows were not re-keyed');
  } finally {
    connection.close();
  }
}

/** Tend: openDatabase() upgrading version 4 to the latest (re-keying in 5, moving back in 6). */
async function tendRekey() {
  if (latestVersion !== latestShippedVersion) throw new Error('the re-key figure needs the normal harness build');
  const timed = await timedOpenDatabase();
  await assertRekeyed();
  return timed;
}

/**
 * Floor: the same re-key in one plain versionchange transaction: read every table, drop and
 * make each store again keyed by `id` with the same indexes, put every row with a new UUIDv7
 * (made in the order of the old numbers) and its links followed, keep the old numbers, and
 * write the to-do counts.
 */
async function rawRekey() {
  const t0 = now();
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(NAME, latestVersion * DEXIE_FACTOR);
    req.onupgradeneeded = () => {
      const database = req.result;
      const tx = req.transaction!;
      const rows: Record<string, Row[]> = {};
      let pending = TABLES.length;
      for (const name of TABLES) {
        const all = tx.objectStore(name).getAll();
        all.onsuccess = () => {
          rows[name] = all.result as Row[];
          if (--pending === 0) rekey();
        };
      }
      const rekey = () => {
        const newIds: Record<string, Map<unknown, string>> = {};
        for (const name of TABLES) {
          const ids = new Map<unknown, string>();
          for (const number of (rows[name] ?? []).map((row) => row.id as unknown as number).sort((a, b) => a - b)) ids.set(number, v7());
          newIds[name] = ids;
        }
        const formerIds = database.createObjectStore('formerIds', { keyPath: ['table', 'formerId'] });
        for (const name of TABLES) {
          const old = tx.objectStore(name);
          const indexes = [...old.indexNames].map((index) => {
            const { keyPath, unique, multiEntry } = old.index(index);
            return { index, keyPath, unique, multiEntry };
          });
          database.deleteObjectStore(name);
          const store = database.createObjectStore(name, { keyPath: 'id' });
          for (const { index, keyPath, unique, multiEntry } of indexes) store.createIndex(index, keyPath, { unique, multiEntry });
          const ids = newIds[name]!;
          for (const row of rows[name] ?? []) {
            const next: Record<string, unknown> = { ...row, id: ids.get(row.id) };
            for (const { field, target } of LINKS.filter((link) => link.table === name)) {
              if (row[field] !== undefined) next[field] = newIds[target]!.get(row[field]);
            }
            store.put(next);
            formerIds.put({ table: name, formerId: row.id, id: next.id });
          }
        }
        // The to-do counts, counted from the rows already in hand.
        database.createObjectStore('counts', { keyPath: 'table' }).put(countsRowOf(rows.todos));
      };
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
  const ms = now() - t0;
  await assertRekeyed();
  return { ms };
}

// ---------------------------------------------------------------- 10. sync

/**
 * The prepared rows as the household's documents on the sync server, each as Tend's sync
 * writes a row's first revision (src/lib/sync/send.ts): its own fields (`fieldsOf`), each
 * edited in generation 1, at this build's schema version, by `by`.
 */
function syncDocs(by: string): RowDoc[] {
  const all = prepared();
  return TABLES.flatMap((name) =>
    (all[name] ?? []).map((row) => {
      const fields = fieldsOf(name, row as unknown as StoredRow);
      return { _id: row.id, type: name, schema: latestVersion, by, fields, edits: Object.fromEntries(Object.keys(fields).map((field) => [field, 1])) };
    }),
  );
}

const bench = {
  prepare,
  /** The prepared rows and their counts row, for the runner to seed the app's own origin with. */
  rows: () => ({ ...prepared(), counts: [countsRowOf(prepared().todos)] }),
  syncDocs,
  reset,
  seed,
  counts,
  tendImport,
  tendImportSteps,
  rawImport,
  compareReads,
  countReads,
  tendToggleLive,
  rawToggle,
  tendUpgrade,
  rawUpgrade,
  seedVersion4,
  tendRekey,
  rawRekey,
  crossOriginIsolated: () => globalThis.crossOriginIsolated,
  schemaVersion: latestVersion,
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}

window.bench = bench;
document.body.dataset.ready = 'true';
