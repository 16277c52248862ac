import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { Todo, TodoCounts } from './models';

// "N items left" and "Clear completed" need how many to-dos are done and not. Counting the
// `done` index range takes about a second at 100,000 to-dos, on every change; so the two
// numbers are kept in one row of the `counts` store, which every write of to-dos adjusts in its
// own transaction. It is done here, under Dexie's table API, rather than in each mutation:
// whatever writes to-dos (a form, undo, an import, a restore, an upgrade, another tab) goes
// through it, so no write can forget the counts. The row is derived: never backed up, restored
// or undone, only kept right (isDataTable() in schema.ts).

export const COUNTS_TABLE = 'counts';
export const TODO_COUNTS_KEY = 'todos';

/** The counts of `rows`: how many are done and how many are not. */
export function countTodos(rows: readonly (Pick<Todo, 'done'> | undefined)[]): { active: number; completed: number } {
  let active = 0;
  let completed = 0;
  for (const row of rows) {
    if (!row) continue;
    if (row.done === 1) completed++;
    else active++;
  }
  return { active, completed };
}

/** Every Dexie transaction that writes to-dos also holds the counts store, whoever opened it. */
export const todoCountsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'TodoCounts',
  create(down) {
    const hasCounts = down.schema.tables.some((table) => table.name === COUNTS_TABLE);
    if (!hasCounts) return {};
    // One write of to-dos at a time per transaction: each reads the rows it replaces and the
    // counts row, then writes; two at once would read the same counts and one delta be lost.
    const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();
    return {
      transaction(stores, mode, options) {
        const scope = mode === 'readwrite' && stores.includes('todos') && !stores.includes(COUNTS_TABLE) ? [...stores, COUNTS_TABLE] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'todos') return table;
        return {
          ...table,
          mutate(request) {
            // An upgrade from before the counts store existed: its own upgrade counts later.
            if (!(request.trans as unknown as IDBTransaction).objectStoreNames.contains(COUNTS_TABLE)) return table.mutate(request);
            const queued = (queues.get(request.trans) ?? Promise.resolve()).then(() => mutateCounting(down, table, request));
            queues.set(request.trans, queued.catch(() => undefined));
            return queued;
          },
        };
      },
    };
  },
};

async function mutateCounting(down: DBCore, todos: DBCoreTable, request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const { trans } = request;
  if (request.type === 'deleteRange') {
    // Emptying the table (a restore, an import that replaces): count what is left.
    const response = await todos.mutate(request);
    await writeCounts(down, trans, await countStored(todos, trans));
    return response;
  }
  let replaced: (Todo | undefined)[] = [];
  if (request.type === 'put' || request.type === 'delete') {
    const keys = request.type === 'delete' ? request.keys : (request.keys ?? request.values.map((value) => todos.schema.primaryKey.extractKey?.(value)));
    const known = keys.map((key, index) => ({ key, index })).filter(({ key }) => key !== undefined);
    const rows = known.length > 0 ? await todos.getMany({ trans, keys: known.map(({ key }) => key) }) : [];
    replaced = keys.map(() => undefined);
    known.forEach(({ index }, position) => (replaced[index] = rows[position] as Todo | undefined));
  }
  const response = await todos.mutate(request);
  const succeeded = (_: unknown, index: number) => !(index in response.failures);
  const written = request.type === 'delete' ? [] : (request.values as Todo[]).filter(succeeded);
  const plus = countTodos(written);
  const minus = countTodos(replaced.filter(succeeded));
  const active = plus.active - minus.active;
  const completed = plus.completed - minus.completed;
  if (active !== 0 || completed !== 0) {
    const counts = down.table(COUNTS_TABLE);
    const now = ((await counts.get({ trans, key: TODO_COUNTS_KEY })) as TodoCounts | undefined) ?? { active: 0, completed: 0 };
    await writeCounts(down, trans, { active: now.active + active, completed: now.completed + completed });
  }
  return response;
}

/** Both counts over the `[done+dueKey+id]` index: key counts, no row read. */
async function countStored(todos: DBCoreTable, trans: DBCoreTransaction): Promise<{ active: number; completed: number }> {
  const index = todos.schema.getIndexByKeyPath(['done', 'dueKey', 'id'])!;
  // DBCoreRangeType.Range, a const enum that isolated modules cannot import.
  const range = (done: number) => ({ type: 2, lower: [done], upper: [done, [[]]], lowerOpen: false, upperOpen: false }) as const;
  const [active, completed] = await Promise.all([
    todos.count({ trans, query: { index, range: range(0) } }),
    todos.count({ trans, query: { index, range: range(1) } }),
  ]);
  return { active, completed };
}

async function writeCounts(down: DBCore, trans: DBCoreTransaction, counts: { active: number; completed: number }): Promise<void> {
  const row: TodoCounts = { table: TODO_COUNTS_KEY, ...counts };
  const response = await down.table(COUNTS_TABLE).mutate({ type: 'put', trans, values: [row] });
  if (response.numFailures > 0) throw response.failures[0];
}
