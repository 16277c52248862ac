import { dataTables, db } from '../db/db';
import type { Migration } from '../db/models';
import { schemaVersions } from '../db/schema';

/** The browser's `flask db history`: every version, with when this device applied it. */
export function migrationHistory(): Promise<Migration[]> {
  return db.migrations.orderBy('version').toArray();
}

/** The browser's `flask db current`. */
export function currentSchema() {
  const version = db.verno;
  return { version, description: schemaVersions.find((declared) => declared.version === version)?.description ?? '' };
}

/** Rows per table of the household's data (the history table describes the device, not data). */
export async function tableCounts(): Promise<{ table: string; rows: number }[]> {
  const tables = dataTables();
  return Promise.all(tables.map(async (table) => ({ table: table.name, rows: await table.count() })));
}
