import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import type { TodoCounts } from './models';

// "N items left" and "Clear completed" need how many to-dos are done and not. Counting the
// `done` index walks it whole (0.6–0.8 s at 100,000 to-dos), on every change; so the two
// numbers are kept in one row of the `counts` store, which every write of to-dos adjusts in its
// own transaction. It is done here, under Dexie's table API, rather than in each mutation:
// whatever writes to-dos (a form, undo, an import, a restore, sync, another tab) goes through
// it, so no write can forget the counts. The row is derived and device-only: never backed up,
// restored, undone or synced, only kept right (isDataTable() in schema.ts). Upgrades are not
// counted here: they recount once at their end (recountTodos, called by TendDB).

export const COUNTS_TABLE = 'counts';
export const TODO_COUNTS_KEY = 'todos';

type Tally = Pick<TodoCounts, 'active' | 'completed'>;

/** A to-do counts as done when its flag is 1, and as still to do otherwise. */
function isDone(row: unknown): boolean {
  return (row as { done?: unknown }).done === 1;
}

/** Whether a rewrite moved a to-do between "left" and "done" (an upgrade then recounts). */
export function doneChanged(before: unknown, after: unknown): boolean {
  return isDone(before) !== isDone(after);
}

/**
 * The running counts of each read-write transaction that writes to-dos: read once, on its first
 * write, then adjusted by every write in turn. Each write puts the whole running total after
 * adding its own change, so the last put holds every change, however the writes interleave.
 */
const running = new WeakMap<DBCoreTransaction, Promise<Tally>>();

function countsIn(down: DBCore, trans: DBCoreTransaction): Promise<Tally> {
  let counts = running.get(trans);
  if (!counts) {
    counts = inContext(down.table(COUNTS_TABLE).get({ trans, key: TODO_COUNTS_KEY })).then((row: TodoCounts | undefined) => ({ active: row?.active ?? 0, completed: row?.completed ?? 0 }));
    running.set(trans, counts);
  }
  return counts;
}

/**
 * What a layer below answers, as Dexie's own promise: its `then` runs the next step in the
 * caller's Dexie context (its transaction), which Dexie's layers below need. A layer under them
 * (sync's outbox) answers with a plain promise, whose `then` would lose that context.
 */
function inContext<T>(promise: Promise<T>): Promise<T> {
  return Dexie.Promise.resolve(promise);
}

/**
 * Every Dexie transaction that writes to-dos also holds the counts store, whoever opened it.
 * Steps are chained with `then` (see inContext), never awaited. Below Dexie's hooks (undo's),
 * which may change what is written; above its observability, so live reads see the counts change.
 */
export const todoCountsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'TodoCounts',
  level: 1,
  create(down) {
    if (!down.schema.tables.some((table) => table.name === COUNTS_TABLE)) return down;
    return {
      ...down,
      transaction(stores, mode, options) {
        const scope = mode === 'readwrite' && stores.includes('todos') && !stores.includes(COUNTS_TABLE) ? [...stores, COUNTS_TABLE] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'todos') return table;
        return { ...table, mutate: (request) => mutateCounting(down, table, request) };
      },
    };
  },
};

function mutateCounting(down: DBCore, todos: DBCoreTable, request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const { trans } = request;
  // An upgrade's rewrite of every row: reading each replaced row would cost the upgrade a
  // second read of the table; the upgrade recounts once instead (TendDB in schema.ts).
  if ((trans as unknown as IDBTransaction).mode === 'versionchange') return todos.mutate(request);
  const counts = countsIn(down, trans);
  if (request.type === 'add') {
    return inContext(todos.mutate(request)).then((response) =>
      adjust(down, request, response, counts, () => change([], request.values.filter((_, index) => !(index in response.failures)))),
    );
  }
  if (request.type === 'deleteRange') {
    // Emptying the table (a restore, an import that replaces, signing out): nothing is left.
    if (request.range.type === RANGE_ANY) return inContext(todos.mutate(request)).then((response) => adjust(down, request, response, counts, () => null));
    const deleting = todos.query({ trans, values: true, query: { index: todos.schema.primaryKey, range: request.range } });
    return Dexie.Promise.all([deleting, todos.mutate(request)]).then(([{ result }, response]) => adjust(down, request, response, counts, () => change(result, [])));
  }
  const keys: unknown[] = request.type === 'delete' ? request.keys : (request.keys ?? request.values.map((value) => todos.schema.primaryKey.extractKey!(value)));
  // The rows it replaces are read and the write made at once: IndexedDB runs a transaction's
  // requests in the order they are made (no layer below holds a read back), so the read sees
  // the rows as they were, and a toggle waits for one round trip less.
  return Dexie.Promise.all([todos.getMany({ trans, keys }), todos.mutate(request)]).then(([stored, response]) =>
    adjust(down, request, response, counts, () => {
      // A key written twice in one request replaces what the request itself wrote first.
      const latest = new Map<unknown, unknown>();
      keys.forEach((key, index) => latest.has(key) || latest.set(key, stored[index]));
      const replaced: unknown[] = [];
      const written: unknown[] = [];
      keys.forEach((key, index) => {
        if (index in response.failures) return;
        replaced.push(latest.get(key));
        const value = request.type === 'delete' ? undefined : request.values[index];
        written.push(value);
        latest.set(key, value);
      });
      return change(replaced, written);
    }),
  );
}

/** DBCoreRangeType.Any (what `clear()` deletes), a const enum that isolated modules cannot import. */
const RANGE_ANY = 3;

/** What the rows written add to the counts, less the rows they replaced (deleted and missing rows are undefined). */
function change(replaced: readonly unknown[], written: readonly unknown[]): Tally {
  const tally = { active: 0, completed: 0 };
  for (const row of written) if (row) tally[isDone(row) ? 'completed' : 'active'] += 1;
  for (const row of replaced) if (row) tally[isDone(row) ? 'completed' : 'active'] -= 1;
  return tally;
}

/**
 * Adds a write's change to the transaction's running counts and puts them, in the same
 * transaction; `null` means the table is now empty.
 */
function adjust(
  down: DBCore,
  request: DBCoreMutateRequest,
  response: DBCoreMutateResponse,
  counts: Promise<Tally>,
  changeOf: () => Tally | null,
): Promise<DBCoreMutateResponse> {
  return counts.then((total) => {
    const delta = changeOf();
    if (delta?.active === 0 && delta.completed === 0) return response;
    total.active = delta ? total.active + delta.active : 0;
    total.completed = delta ? total.completed + delta.completed : 0;
    const row: TodoCounts = { table: TODO_COUNTS_KEY, ...total };
    return inContext(down.table(COUNTS_TABLE).mutate({ type: 'put', trans: request.trans, values: [row] })).then((put) => {
        if (put.numFailures > 0) throw put.failures[0];
        return response;
      });
  });
}

/**
 * Counts the to-dos into the counts row inside an upgrade: TendDB calls it once at the end of
 * one that created the counts store or rewrote to-dos in a way the counts cannot follow. Plain
 * IndexedDB, over the `[done+dueKey+id]` index (keys only): Dexie's table API in an upgrade
 * does not know a store the upgrade created. A version that changes that index must change
 * this count with it.
 */
export async function recountTodos(tx: IDBTransaction): Promise<void> {
  const index = tx.objectStore('todos').index('[done+dueKey+id]');
  const count = (done: number) =>
    new Promise<number>((resolve, reject) => {
      const request = index.count(IDBKeyRange.bound([done], [done, []]));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('Counting the to-dos failed'));
    });
  const [active, completed] = await Promise.all([count(0), count(1)]);
  tx.objectStore(COUNTS_TABLE).put({ table: TODO_COUNTS_KEY, active, completed } satisfies TodoCounts);
}
