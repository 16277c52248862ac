import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import { COUNTS_TABLE, TODO_COUNTS_KEY, type TodoCounts } from './models.ts';

// "N items left" and "Clear completed" need how many to-dos are done and not. Counting the
// `done` index walks it whole (0.6–0.8 s at 100,000 to-dos), on every change; so the two
// numbers are kept in one row of the `counts` store, which every write of to-dos adjusts in its
// own transaction. It is done here, under Dexie's table API, rather than in each mutation:
// whatever writes to-dos (a form, undo, an import, a restore, sync, another tab) goes through
// it, so no write can forget the counts. The row is derived and device-only: never backed up,
// restored, undone or synced, only kept right (isDataTable() in schema.ts). Upgrades are not
// counted here: they recount once at their end (recountTodos, called by TendDB).


type Tally = Pick<TodoCounts, 'active' | 'completed'>;

/** A to-do counts as done when its flag is 1, and as still to do otherwise. */
function isDone(row: unknown): boolean {
  return (row as { done?: unknown }).done === 1;
}

/** A row as the counts see it: done, not done, or no row (undefined). */
type State = boolean | undefined;

function stateOf(row: unknown): State {
  return row === undefined ? undefined : isDone(row);
}

/** Whether a rewrite moved a to-do between "left" and "done" (an upgrade then recounts). */
export function doneChanged(before: unknown, after: unknown): boolean {
  return isDone(before) !== isDone(after);
}

/**
 * The running counts of each read-write transaction that writes to-dos: read with its first
 * read or write of to-dos, then adjusted by every write in turn. Each write puts the whole
 * running total after adding its own change, so the last put holds every change, however the
 * writes interleave.
 */
const running = new WeakMap<DBCoreTransaction, Promise<Tally>>();

/**
 * What each read-write transaction has seen of its to-dos: whether each row read or written in
 * it is done (undefined: no such row). A toggle reads its row before writing it; the write's
 * change to the counts then comes from that read, rather than from a second read of the row,
 * which was a round trip to IndexedDB more before the counts could be written.
 */
interface Seen {
  done: Map<unknown, State>;
  /** Writes of to-dos not answered yet: while any is, a row's last read may be out of date. */
  writing: number;
}
const seen = new WeakMap<DBCoreTransaction, Seen>();

function seenIn(trans: DBCoreTransaction): Seen {
  let found = seen.get(trans);
  if (!found) seen.set(trans, (found = { done: new Map(), writing: 0 }));
  return found;
}

/**
 * A read of to-dos by key. In a read-write transaction it notes what it found, and starts the
 * read of the counts alongside if none has, so that a write after it finds them read.
 */
function seeing<T extends readonly unknown[]>(down: DBCore, trans: DBCoreTransaction, keys: readonly unknown[], reading: Promise<T>): Promise<T> {
  if ((trans as unknown as IDBTransaction).mode !== 'readwrite') return reading;
  void countsIn(down, trans).catch(() => {});
  return inContext(reading).then((rows) => {
    const { done } = seenIn(trans);
    keys.forEach((key, index) => done.set(key, stateOf(rows[index])));
    return rows;
  });
}

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
        return {
          ...table,
          get: (request) => seeing(down, request.trans, [request.key], table.get(request).then((row) => [row])).then(([row]) => row),
          getMany: (request) => seeing(down, request.trans, request.keys, table.getMany(request)),
          mutate: (request) => mutateCounting(down, table, request),
        };
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
  const seen = seenIn(trans);
  const put = (delta: Tally | null) => putCounts(down, trans, counts, delta);
  // Every branch ends the write's turn in `seen` with what it leaves each key as, in the same step.
  const failed = (error: unknown) => {
    seen.writing -= 1;
    seen.done.clear();
    throw error;
  };
  seen.writing += 1;
  if (request.type === 'add') {
    return inContext(todos.mutate(request)).then((response) => {
      seen.writing -= 1;
      const added = request.values.filter((value, index) => {
        const key = todos.schema.primaryKey.extractKey!(value);
        if (index in response.failures) seen.done.delete(key);
        else seen.done.set(key, isDone(value));
        return !(index in response.failures);
      });
      return put(change([], added.map(stateOf))).then(() => response);
    }, failed);
  }
  if (request.type === 'deleteRange') {
    // Emptying the table (a restore, an import that replaces, signing out): nothing is left.
    const deleting =
      request.range.type === RANGE_ANY ? null : todos.query({ trans, values: true, query: { index: todos.schema.primaryKey, range: request.range } });
    return Dexie.Promise.all([deleting, todos.mutate(request)]).then(([found, response]) => {
      seen.writing -= 1;
      seen.done.clear();
      return put(found ? change(found.result.map(stateOf), []) : null).then(() => response);
    }, failed);
  }
  const keys: unknown[] = request.type === 'delete' ? request.keys : (request.keys ?? request.values.map((value) => todos.schema.primaryKey.extractKey!(value)));
  if (seen.writing === 1 && keys.every((key) => seen.done.has(key))) {
    // This transaction has seen every row the write replaces, and nothing else is writing them
    // (a toggle reads its row first): the counts are put at once, alongside the write, as if
    // every row is written; a row that fails is taken out of them again after.
    const before = keys.map((key) => seen.done.get(key));
    const hoped = after(request, keys, before, {});
    hoped.latest.forEach((state, key) => seen.done.set(key, state));
    return Dexie.Promise.all([todos.mutate(request), put(hoped.change)]).then(
      ([response]) => {
        seen.writing -= 1;
        if (response.numFailures === 0) return response;
        const made = after(request, keys, before, response.failures);
        made.latest.forEach((state, key) => seen.done.set(key, state));
        return put(difference(made.change, hoped.change)).then(() => response);
      },
      // A write that fails whole, and is caught, leaves the counts as they were.
      (error: unknown) =>
        put(difference(NO_CHANGE, hoped.change)).then(
          () => failed(error),
          () => failed(error),
        ),
    );
  }
  // Otherwise the rows it replaces are read and the write made at once: IndexedDB runs a
  // transaction's requests in the order they are made (no layer below holds a read back), so
  // the read sees the rows as they were.
  return Dexie.Promise.all([todos.getMany({ trans, keys }), todos.mutate(request)]).then(([rows, response]) => {
    seen.writing -= 1;
    const made = after(request, keys, rows.map(stateOf), response.failures);
    made.latest.forEach((state, key) => seen.done.set(key, state));
    return put(made.change).then(() => response);
  }, failed);
}

/**
 * What a put or delete of `keys` changes, from the rows it replaces (`before`, in the same
 * order): its change to the counts, and what it leaves each key as.
 */
function after(request: DBCoreMutateRequest & { type: 'put' | 'delete' }, keys: unknown[], before: State[], failures: DBCoreMutateResponse['failures']) {
  // A key written twice in one request replaces what the request itself wrote first.
  const latest = new Map<unknown, State>();
  keys.forEach((key, index) => latest.has(key) || latest.set(key, before[index]));
  const replaced: State[] = [];
  const written: State[] = [];
  keys.forEach((key, index) => {
    if (index in failures) return;
    replaced.push(latest.get(key));
    const state = request.type === 'delete' ? undefined : stateOf(request.values[index]);
    written.push(state);
    latest.set(key, state);
  });
  return { change: change(replaced, written), latest };
}

/** DBCoreRangeType.Any (what `clear()` deletes), a const enum that isolated modules cannot import. */
const RANGE_ANY = 3;

/** What the rows written add to the counts, less the rows they replaced. */
function change(replaced: readonly State[], written: readonly State[]): Tally {
  const tally = { active: 0, completed: 0 };
  for (const state of written) if (state !== undefined) tally[state ? 'completed' : 'active'] += 1;
  for (const state of replaced) if (state !== undefined) tally[state ? 'completed' : 'active'] -= 1;
  return tally;
}

const NO_CHANGE: Tally = { active: 0, completed: 0 };

function difference(a: Tally, b: Tally): Tally {
  return { active: a.active - b.active, completed: a.completed - b.completed };
}

/**
 * Adds a write's change to the transaction's running counts and puts them, in the same
 * transaction; `null` means the table is now empty.
 */
function putCounts(down: DBCore, trans: DBCoreTransaction, counts: Promise<Tally>, delta: Tally | null): Promise<void> {
  return counts.then((total) => {
    if (delta?.active === 0 && delta.completed === 0) return;
    total.active = delta ? total.active + delta.active : 0;
    total.completed = delta ? total.completed + delta.completed : 0;
    const row: TodoCounts = { table: TODO_COUNTS_KEY, ...total };
    return inContext(down.table(COUNTS_TABLE).mutate({ type: 'put', trans, values: [row] })).then((response) => {
      if (response.numFailures > 0) throw response.failures[0];
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
