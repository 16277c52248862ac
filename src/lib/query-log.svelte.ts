import type { DBCore, DBCoreQuery, DBCoreRangeType, DBCoreTable, Middleware } from 'dexie';
import { db } from '../db/db';
import { reopenDatabase } from './database-status.svelte';
import { loadPreference, QUERY_LOG_PREFERENCE as PREFERENCE, savePreference } from './preferences';
import { counted } from './text';

/** One database operation, as SQLALCHEMY_ECHO would print it. */
export interface LoggedOperation {
  id: number;
  at: number;
  table: string;
  kind: string;
  /** Keys, or the index and range read. */
  detail: string;
  rows: number | undefined;
  ms: number;
}

/** Newest first; the oldest fall off so a long session cannot fill memory. */
export const QUERY_LOG_LIMIT = 500;
const NAME = 'query-log';

class QueryLog {
  enabled = $state(loadPreference(PREFERENCE) === 'on');
  entries: LoggedOperation[] = $state.raw([]);
  #next = 1;

  record(entry: Omit<LoggedOperation, 'id'>) {
    this.entries = [{ ...entry, id: this.#next++ }, ...this.entries].slice(0, QUERY_LOG_LIMIT);
  }

  clear() {
    this.entries = [];
  }
}

export const queryLog = new QueryLog();

const short = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

function describeQuery(query: DBCoreQuery): string {
  return `${query.index.name || 'primary key'} ${describeRange(query.range)}`;
}

function describeRange(range: { type: DBCoreRangeType; lower: unknown; upper: unknown }): string {
  // Dexie's DBCoreRangeType: 1 equal, 2 range, 3 any, 4 never.
  if (range.type === 1) return `= ${short(range.lower)}`;
  if (range.type === 3) return 'all';
  return `${short(range.lower)} … ${short(range.upper)}`;
}

/** Wraps each call of a table, timing it and counting what it returned. */
function logged(table: DBCoreTable): DBCoreTable {
  const timed = <T>(kind: string, detail: string, call: () => Promise<T>, rowsOf: (result: T) => number | undefined) => {
    const start = performance.now();
    return call().then((result) => {
      queryLog.record({ at: Date.now(), table: table.name, kind, detail, rows: rowsOf(result), ms: performance.now() - start });
      return result;
    });
  };
  return {
    ...table,
    get: (req) => timed('get', `key ${short(req.key)}`, () => table.get(req), (row) => (row === undefined ? 0 : 1)),
    getMany: (req) => timed('getMany', counted(req.keys.length, 'key'), () => table.getMany(req), (rows) => rows.filter(Boolean).length),
    query: (req) =>
      timed(
        'query',
        `${describeQuery(req.query)}${req.limit ? `, limit ${req.limit}` : ''}`,
        () => table.query(req),
        (response) => response.result.length,
      ),
    count: (req) => timed('count', describeQuery(req.query), () => table.count(req), () => undefined),
    openCursor: (req) => timed('cursor', describeQuery(req.query), () => table.openCursor(req), () => undefined),
    mutate: (req) =>
      timed(
        req.type,
        req.type === 'deleteRange' ? describeRange(req.range) : counted('keys' in req && req.keys ? req.keys.length : 'values' in req ? req.values.length : 0, 'row'),
        () => table.mutate(req),
        (response) => response.numFailures === 0 ? ('values' in req ? req.values.length : 'keys' in req ? req.keys?.length : undefined) : undefined,
      ),
  };
}

const middleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: NAME,
  // Above Dexie's own layers, so the log shows each call the app makes.
  level: 20,
  create: (down) => ({ ...down, table: (name) => logged(down.table(name)) }),
};

/** Called once before the database opens: the log is only in the stack while it is on. */
export function installQueryLog(): void {
  if (queryLog.enabled) db.use(middleware);
}

/** Turns the log on or off. The database reopens so that, off, no wrapper is left in the path. */
export async function setQueryLog(on: boolean): Promise<void> {
  savePreference(PREFERENCE, on ? 'on' : undefined);
  queryLog.enabled = on;
  await reopenDatabase(() => {
    if (on) db.use(middleware);
    else db.unuse({ stack: 'dbcore', name: NAME });
  });
}

/** Whether the logging layer is in Dexie's stack (for tests: off must mean absent). */
export function queryLogInstalled(): boolean {
  return (db as unknown as { _middlewares: { dbcore?: { name?: string }[] } })._middlewares.dbcore?.some((layer) => layer.name === NAME) ?? false;
}
