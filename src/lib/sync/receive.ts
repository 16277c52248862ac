import { currentIdbTransaction } from '../../db/db';
import type { SyncedRevision, SyncNote } from '../../db/models';
import type { StoredRow, TendDB } from '../../db/schema';
import { MODEL_FIELDS, rowOf, type RowDoc } from './documents';
import { mergeLeaves, type Leaf } from './merge';
import { markFromServer } from './outbox';

// Receiving: documents that arrive in this device's copy of the household's database are
// written into Tend's own tables, which every screen reads (live lists update by themselves).
// Applying the same revision twice changes nothing, so the feed's checkpoint may lag safely.

export interface ReceiveContext {
  db: TendDB;
  local: PouchDB.Database<RowDoc>;
  by: string;
}

/** The unique names of the household's tables, as their derived key fields. */
const UNIQUE_KEYS: Partial<Record<string, readonly string[]>> = { users: ['usernameKey', 'emailKey'], categories: ['nameKey'] };

/**
 * Settles a row's conflict (see merge.ts), if it has one. Returns true when it wrote a merged
 * revision: that arrives through the feed in turn and is applied then.
 */
export async function settleConflict({ local, by }: ReceiveContext, id: string): Promise<boolean> {
  const leaves = (await local.get(id, { open_revs: 'all', revs: true })) as unknown as { ok?: Leaf }[];
  const merged = mergeLeaves(leaves.flatMap((leaf) => (leaf.ok ? [leaf.ok] : [])));
  if (!merged || merged.doc.by !== by) return false;
  // The losers' tombstones say they were merged, so no merge takes them for a person's delete.
  await local.bulkDocs([merged.doc, ...merged.losers.map((rev) => ({ _id: id, _rev: rev, _deleted: true, merged: true }))] as never);
  return true;
}

/**
 * Writes the winning revisions of documents into Tend's tables, in one transaction, reading and
 * writing a batch at a time (a first sync brings thousands of rows). Rows with a unique name go
 * one by one, as each may clash with one before it.
 */
export async function applyDocs({ db }: ReceiveContext, arrived: readonly RowDoc[]): Promise<void> {
  // A row's latest revision in the batch is the one that counts.
  const docs = [...new Map(arrived.map((doc) => [doc._id, doc])).values()];
  const ids = docs.map((doc) => doc._id);
  const tables = Object.keys(MODEL_FIELDS);
  await db.transaction('rw', [...tables.map((table) => db.table(table)), db.outbox, db.synced, db.syncNotes], async () => {
    markFromServer(currentIdbTransaction());
    const [waiting, synced, notes] = await Promise.all([db.outbox.bulkGet(ids), db.synced.bulkGet(ids), db.syncNotes.bulkGet(ids)]);
    const rows = new Map<string, StoredRow[]>(tables.map((table) => [table, []]));
    const named: RowDoc[] = [];
    const deleted: string[] = [];
    const newer: SyncNote[] = [];
    const revisions: SyncedRevision[] = [];
    for (const [index, doc] of docs.entries()) {
      // A change made here and not yet sent wins the row for now: sending it makes a conflict
      // with this revision, and the merge brings both together.
      const pending = waiting[index];
      if ((pending && pending.sentRev === undefined) || synced[index]?.rev === doc._rev) continue;
      if (!doc._deleted && UNIQUE_KEYS[doc.type]) {
        named.push(doc);
        continue;
      }
      revisions.push({ id: doc._id, rev: doc._rev! });
      const row = doc._deleted ? undefined : rowOf(doc, db.versions);
      if (doc._deleted) deleted.push(doc._id);
      else if (!row) newer.push({ id: doc._id, table: doc.type, newerSchema: doc.schema });
      else if (notes[index] || doc.clashes || doc.deletedElsewhere) named.push(doc);
      else rows.get(doc.type)?.push(row);
    }
    for (const table of tables) {
      const written = rows.get(table)!;
      if (written.length > 0) await db.table(table).bulkPut(written);
      // A deleted document no longer says which table its row was in.
      if (deleted.length > 0) await db.table(table).bulkDelete(deleted);
    }
    await db.syncNotes.bulkDelete(deleted);
    await db.syncNotes.bulkPut(newer);
    await db.synced.bulkPut(revisions);
    for (const doc of named) await applyOne(db, doc);
  });
}

/** One row with what goes with it: a unique name to keep apart, or a note to keep or clear. */
async function applyOne(db: TendDB, doc: RowDoc & { _rev?: string }) {
  const id = doc._id;
  const row = rowOf(doc, db.versions)!;
  await keepNamesApart(db, doc.type, row);
  await db.table(doc.type).put(row);
  const note: SyncNote = { id, table: doc.type };
  if (doc.clashes) note.fields = doc.clashes;
  if (doc.deletedElsewhere) note.deletedElsewhere = true;
  const sameName = (await db.syncNotes.get(id))?.sameNameAs;
  if (sameName) note.sameNameAs = sameName;
  if (note.fields || note.deletedElsewhere || note.sameNameAs) await db.syncNotes.put(note);
  else await db.syncNotes.delete(id);
  await db.synced.put({ id, rev: doc._rev! });
}

/** The table a row is in, looked for in each. */
export async function tableHolding(db: TendDB, id: string): Promise<string | undefined> {
  for (const table of Object.keys(MODEL_FIELDS)) {
    if (await db.table(table).get(id)) return table;
  }
  return undefined;
}

/**
 * Two devices apart can each add "Ann". The unique index cannot hold both, and neither may be
 * lost, so the row with the later id (the same one on every device) keeps its name but stays
 * out of the index's way under a key of its own, and both rows get a note: a person then
 * renames one or merges them (deleting one moves its rows to the other).
 */
async function keepNamesApart(db: TendDB, table: string, row: StoredRow) {
  for (const key of UNIQUE_KEYS[table] ?? []) {
    const value = row[key];
    if (typeof value !== 'string') continue;
    const other = (await db.table(table).where(key).equals(value).first()) as StoredRow | undefined;
    if (!other || other.id === row.id) continue;
    const [kept, moved] = String(other.id) < String(row.id) ? [other, row] : [row, other];
    moved[key] = `${value}\u0000${String(moved.id)}`;
    if (moved === other) await db.table(table).put(other);
    await noteSameName(db, table, String(kept.id), String(moved.id));
    await noteSameName(db, table, String(moved.id), String(kept.id));
  }
}

async function noteSameName(db: TendDB, table: string, id: string, sameNameAs: string) {
  const note = (await db.syncNotes.get(id)) ?? { id, table };
  await db.syncNotes.put({ ...note, sameNameAs });
}
