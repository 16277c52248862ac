import Dexie, { type Table } from 'dexie';
import type { FormerId } from './models';
import { isDataTable, TendDB, type StoredRow } from './schema';

/** The one database instance the app uses. Tests make their own TendDB. */
export const db = new TendDB();

/** The household's data tables: every table but the device's own record (migration history). */
export function dataTables(): Table<StoredRow, unknown>[] {
  return db.tables.filter((table) => isDataTable(table.name)) as Table<StoredRow, unknown>[];
}

/**
 * Makes the data tables hold exactly `rows` (by table name; a table left out ends up empty),
 * in one transaction: a failure leaves them as they were. With `formerIds`, the device's old
 * numbers are replaced by those in the same transaction, so they always name the rows written.
 */
export function replaceDataTables(rows: Partial<Record<string, readonly object[]>>, formerIds?: readonly FormerId[]): Promise<void> {
  const tables = dataTables();
  return db.transaction('rw', [...tables, db.formerIds], async () => {
    for (const table of tables) {
      await table.clear();
      const next = rows[table.name] ?? [];
      if (next.length > 0) await table.bulkAdd([...next] as StoredRow[]);
    }
    if (formerIds) {
      await db.formerIds.clear();
      if (formerIds.length > 0) await db.formerIds.bulkAdd([...formerIds]);
    }
  });
}

// Sync's code loads on demand and reaches Dexie through these, not on its own: a second import
// of Dexie from there made the bundler move Dexie out of the first screen's file into one of its
// own, which costs the first screen more bytes.

/** The IndexedDB transaction under the Dexie transaction this code runs in. */
export function currentIdbTransaction(): IDBTransaction {
  return Dexie.currentTransaction!.idbtrans;
}

/** Calls `listener` with the parts of any database that changed, in this tab or another. */
export function onStorageMutated(listener: (parts: Record<string, unknown>) => void): () => void {
  Dexie.on('storagemutated', listener);
  return () => Dexie.on('storagemutated').unsubscribe(listener);
}
