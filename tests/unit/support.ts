import type { DBCore, Middleware } from 'dexie';
import { expect } from 'vitest';
import { db } from '../../src/db/db';
import { isDataTable } from '../../src/db/schema';
import { ValidationError, type FieldErrors } from '../../src/lib/validation';

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

const COUNTER = 'count-reads';

/**
 * Records every read that reaches the shared database as `table.kind` (`users.getMany`).
 * Middleware joins the stack when a database opens, so the database is reopened with it;
 * `stop()` takes it out again.
 */
export async function countReads() {
  const reads: string[] = [];
  const counter: Middleware<DBCore> = {
    stack: 'dbcore',
    name: COUNTER,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        const record = (kind: string) => reads.push(`${name}.${kind}`);
        return {
          ...table,
          get: (req) => (record('get'), table.get(req)),
          getMany: (req) => (record('getMany'), table.getMany(req)),
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
  return {
    reads,
    /** How many reads of this kind, e.g. `users.getMany`. */
    count: (kind: string) => reads.filter((read) => read === kind).length,
    async stop() {
      db.close();
      db.unuse({ stack: 'dbcore', name: COUNTER });
      await db.open();
    },
  };
}

/** Every row of every data table, by table, to check that something changed nothing. */
export async function everyRow(): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) if (isDataTable(table.name)) tables[table.name] = await table.toArray();
  return tables;
}
