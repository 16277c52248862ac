import type { Table, Transaction } from 'dexie';
import { dataTables, db } from '../db/db';
import type { StoredRow } from '../db/schema';
import { sameValue } from './row-shape';

/** A field a deletion changed on a row it kept (a moved post's categoryId). */
export interface FieldChange {
  before: unknown;
  /** What the deletion wrote; undefined when it removed the field. */
  after: unknown;
}

/** Exactly what one deletion's transaction did: the rows it removed and the fields it changed. */
export interface DeletionRecord {
  /** Whole rows as they were, by table. */
  removed: { table: string; row: StoredRow }[];
  /** Rows kept, as they were, with the fields the deletion changed on them. */
  changed: { table: string; row: StoredRow; fields: Record<string, FieldChange> }[];
}

/**
 * Runs a deletion in a transaction of its own over every data table (the model's own
 * transaction nests inside it) and records what that transaction did, in whatever tables: a
 * category's moved posts, a user's unassigned to-dos, cascaded rows. Dexie's hooks fire for
 * every write in this tab, so only those made by this transaction are kept: another write
 * that happens meanwhile (a tap elsewhere in this tab) is never mistaken for part of it.
 * Like any transaction's body, `work` may await only Dexie calls. A deletion that throws
 * changes nothing and records nothing.
 */
export async function recordDeletion(work: () => Promise<unknown>): Promise<DeletionRecord> {
  const tables = dataTables();
  let ours: IDBTransaction | undefined;
  // The first image of each row the transaction touched: the row as it was before it.
  const before = new Map<Table, Map<unknown, StoredRow>>();
  const removed = new Map<Table, Set<unknown>>();
  const unsubscribe: (() => void)[] = [];
  for (const table of tables) {
    before.set(table, new Map());
    removed.set(table, new Set());
    const keep = (key: unknown, row: StoredRow, transaction: Transaction) => {
      if (transaction.idbtrans !== ours) return false;
      const rows = before.get(table)!;
      if (!rows.has(key)) rows.set(key, structuredClone(row));
      return true;
    };
    const deleting = (key: unknown, row: StoredRow, transaction: Transaction) => {
      if (keep(key, row, transaction)) removed.get(table)!.add(key);
    };
    const updating = (_changes: object, key: unknown, row: StoredRow, transaction: Transaction) => {
      keep(key, row, transaction);
      return undefined;
    };
    table.hook('deleting', deleting);
    table.hook('updating', updating);
    unsubscribe.push(() => {
      table.hook('deleting').unsubscribe(deleting);
      table.hook('updating').unsubscribe(updating);
    });
  }
  try {
    return await db.transaction('rw', tables, async (transaction) => {
      ours = transaction.idbtrans;
      await work();
      // Still inside the deletion's transaction: what the kept rows hold now is exactly what
      // the deletion wrote, whatever other writes wait for it to end.
      const record: DeletionRecord = { removed: [], changed: [] };
      for (const table of tables) {
        for (const [key, row] of before.get(table)!) {
          if (removed.get(table)!.has(key)) {
            record.removed.push({ table: table.name, row });
            continue;
          }
          const now = (await table.get(key)) ?? {};
          const fields: Record<string, FieldChange> = {};
          for (const field of new Set([...Object.keys(row), ...Object.keys(now)])) {
            if (!sameValue(row[field], now[field])) fields[field] = { before: row[field], after: now[field] };
          }
          if (Object.keys(fields).length > 0) record.changed.push({ table: table.name, row, fields });
        }
      }
      return record;
    });
  } finally {
    for (const stop of unsubscribe) stop();
  }
}

