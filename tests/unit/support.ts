import { expect } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import { db } from '../../src/db/db';
import { isDataTable } from '../../src/db/schema';
import { queryLog, setQueryLog } from '../../src/lib/query-log.svelte';
import { ValidationError, type FieldErrors } from '../../src/lib/errors';

/** The field messages of a write that must be refused with a ValidationError. */
export async function refusal(write: Promise<unknown>): Promise<FieldErrors> {
  const error = await write.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).errors;
}

/** The field messages of a validation, or {} when it passes. */
export function errorsOf(validate: () => unknown): FieldErrors {
  try {
    validate();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  return {};
}

/**
 * Records every read that reaches the shared database as `table.kind` (`users.getMany`),
 * through Tend's own query log; `stop()` switches it off again.
 */
export async function countReads() {
  await setQueryLog(true);
  queryLog.clear();
  const reads = () => queryLog.entries.map((entry) => `${entry.table}.${entry.kind}`);
  return {
    get reads() {
      return reads();
    },
    /** How many reads of this kind, e.g. `users.getMany`. */
    count: (kind: string) => reads().filter((read) => read === kind).length,
    async stop() {
      await setQueryLog(false);
      queryLog.clear();
    },
  };
}

/** Every row of every data table, by table, to check that something changed nothing. */
export async function everyRow(): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) if (isDataTable(table.name)) tables[table.name] = await table.toArray();
  return tables;
}

/** localStorage for Node: preferences kept in a Map for the length of a test. */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * A fixed, readable row id for fixtures: `fixedId(3)` is '00000000-0000-7000-8000-000000000003', a
 * lower-case UUID of version 7 as Tend stores them. Ids of rows a test creates come from the
 * create itself; these are for rows written directly or ids no row has.
 */
export function fixedId(n: number): string {
  return `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

/**
 * Records every request that reaches IndexedDB below Dexie's own layers, as `table.kind`
 * (a query with its limit): `db.use(recorder.middleware)`, then read `recorder.requests`.
 */
export function requestRecorder(): { middleware: Middleware<DBCore>; requests: string[] } {
  const requests: string[] = [];
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'recorder',
    level: -20,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        const record = (kind: string) => requests.push(`${name}.${kind}`);
        return {
          ...table,
          get: (req) => (record('get'), table.get(req)),
          getMany: (req) => (record('getMany'), table.getMany(req)),
          query: (req) => (record(`query(limit ${req.limit ?? 'none'})`), table.query(req)),
          count: (req) => (record('count'), table.count(req)),
          openCursor: (req) => (record('openCursor'), table.openCursor(req)),
          mutate: (req) => (record(req.type), table.mutate(req)),
        };
      },
    }),
  };
  return { middleware, requests };
}
