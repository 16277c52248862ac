import type { IndexableType, Table, Transaction } from 'dexie';
import { dataTables, db } from '../db/db';
import type { StoredRow } from '../db/schema';
import { LINKS } from './backup/checks';

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

/** Why part of a deletion could not be undone. */
export type UndoProblem =
  /** A removed row stayed out: its id is used by another row now. */
  | { table: string; row: StoredRow; kind: 'id-taken' }
  /** A removed row stayed out: another row holds its unique `field` (`username`) now. */
  | { table: string; row: StoredRow; kind: 'unique-taken'; field: string }
  /** A removed row stayed out, or a changed row kept its new value: the row `field` pointed at is gone. */
  | { table: string; row: StoredRow; kind: 'link-gone'; field: string; change?: boolean }
  /** A changed row kept the value given to `field` since. */
  | { table: string; row: StoredRow; kind: 'changed-since'; field: string }
  /** A changed row was deleted since; `fields` are what the deletion had changed on it. */
  | { table: string; row: StoredRow; kind: 'deleted-since'; fields: string[] };

export interface UndoOutcome {
  /** Rows brought back, and rows with at least one field put back. */
  restored: number;
  problems: UndoProblem[];
}

/**
 * Undoes a recorded deletion as far as it can without overwriting anything newer, in one
 * transaction, so the checks and the writes see the same data:
 * - a removed row comes back with its id, unless that id or one of its unique keys is used
 *   again, or a row it points at is gone (a post whose category could not come back);
 * - on a row it changed, a field gets its old value back only where it still holds what the
 *   deletion wrote: a change made since (in this tab, another one, or by sync) is kept.
 * Parents come back before the rows that point at them.
 */
export async function undoDeletion(record: DeletionRecord): Promise<UndoOutcome> {
  const outcome: UndoOutcome = { restored: 0, problems: [] };
  await db.transaction('rw', dataTables(), async () => {
    const removed = [...record.removed].sort((a, b) => parentRank(a.table) - parentRank(b.table));
    for (const { table, row } of removed) {
      const problem = await whyNotBack(table, row);
      if (problem) outcome.problems.push(problem);
      else {
        await db.table(table).add(row);
        outcome.restored++;
      }
    }
    for (const { table, row, fields } of record.changed) {
      const now = (await db.table(table).get(keyOf(table, row))) as StoredRow | undefined;
      if (!now) {
        outcome.problems.push({ table, row, kind: 'deleted-since', fields: Object.keys(fields) });
        continue;
      }
      let putBack = false;
      for (const [field, { before, after }] of Object.entries(fields)) {
        if (!sameValue(now[field], after)) {
          outcome.problems.push({ table, row: now, kind: 'changed-since', field });
        } else if (!(await linkHolds(table, field, before))) {
          outcome.problems.push({ table, row: now, kind: 'link-gone', field, change: true });
        } else {
          if (before === undefined) delete now[field];
          else now[field] = before;
          putBack = true;
        }
      }
      if (putBack) {
        await db.table(table).put(now);
        outcome.restored++;
      }
    }
  });
  return outcome;
}

/** Why a removed row cannot come back as it was, or undefined when it can. */
async function whyNotBack(tableName: string, row: StoredRow): Promise<UndoProblem | undefined> {
  const table = db.table(tableName);
  if ((await table.get(keyOf(tableName, row))) !== undefined) return { table: tableName, row, kind: 'id-taken' };
  for (const index of table.schema.indexes) {
    if (!index.unique || typeof index.keyPath !== 'string') continue;
    const value = row[index.keyPath];
    if (value !== undefined && (await table.where(index.keyPath).equals(value as IndexableType).count()) > 0) {
      return { table: tableName, row, kind: 'unique-taken', field: index.keyPath };
    }
  }
  for (const link of LINKS) {
    if (link.table === tableName && !(await linkHolds(tableName, link.field, row[link.field]))) {
      return { table: tableName, row, kind: 'link-gone', field: link.field };
    }
  }
  return undefined;
}

/** Whether `value` may go in `field`: it is no link, or it points at a row that exists. */
async function linkHolds(table: string, field: string, value: unknown): Promise<boolean> {
  const link = LINKS.find((candidate) => candidate.table === table && candidate.field === field);
  if (!link || value === undefined) return true;
  return (await db.table(link.target).get(value as IndexableType)) !== undefined;
}

/** Tables that others point at come first. */
function parentRank(table: string): number {
  return LINKS.some((link) => link.target === table) ? 0 : 1;
}

function keyOf(table: string, row: StoredRow): IndexableType {
  return row[db.table(table).schema.primKey.keyPath as string] as IndexableType;
}

/** Stored values are plain data: numbers, text, and at most arrays or objects of them. */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
