import { currentIdbTransaction } from '../../db/db';
import type { SyncedRevision, SyncNote } from '../../db/models';
import type { StoredRow, TendDB } from '../../db/schema';
import { LINKS } from '../links';
import { rowsPointingAt } from '../listing';
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
  if (merged.deleted) {
    // The delete stands: every live revision ends, as merged ones, so none counts as a new delete.
    await local.bulkDocs(merged.losers.map((rev) => ({ _id: id, _rev: rev, _deleted: true, merged: true })) as never);
    return true;
  }
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
    const named: { doc: RowDoc; ownDelete?: string }[] = [];
    const deleted: RowDoc[] = [];
    const newer: SyncNote[] = [];
    const revisions: SyncedRevision[] = [];
    for (const [index, doc] of docs.entries()) {
      // A change made here and not yet sent wins the row for now: sending it makes a conflict
      // with this revision, and the merge brings both together.
      const pending = waiting[index];
      if ((pending && pending.sentRev === undefined) || synced[index]?.rev === doc._rev) continue;
      if (doc._deleted) {
        deleted.push(doc);
        continue;
      }
      // Back after this device deleted it: its note will say the delete was made here.
      const ownDelete = synced[index]?.deletedHere ? synced[index].rev : undefined;
      if (UNIQUE_KEYS[doc.type] || ownDelete) {
        named.push({ doc, ...(ownDelete ? { ownDelete } : {}) });
        continue;
      }
      revisions.push({ id: doc._id, rev: doc._rev! });
      const row = rowOf(doc, db.versions);
      if (!row) newer.push({ id: doc._id, table: doc.type, newerSchema: doc.schema });
      else if (notes[index] || doc.clashes || doc.deletedElsewhere || doc.keptForLinks) named.push({ doc });
      else rows.get(doc.type)?.push(row);
    }
    for (const table of tables) {
      const written = rows.get(table)!;
      if (written.length > 0) await db.table(table).bulkPut(written);
    }
    await db.syncNotes.bulkPut(newer);
    await db.synced.bulkPut(revisions);
    for (const { doc, ownDelete } of named) await applyOne(db, doc, ownDelete);
    await applyDeletes(db, deleted);
    await settleNamesNow(db);
  });
}

/**
 * Settles the same-name marks after a change made on this device (a rename, or a merge that
 * deleted one of the two), as applyDocs does after each change that arrives: so a clash
 * settled anywhere is settled on every device. Written as the server's changes are: the rows'
 * own fields are unchanged, so there is nothing to send.
 */
export async function settleNames(db: TendDB): Promise<void> {
  await db.transaction('rw', [db.users, db.categories, db.syncNotes], async () => {
    markFromServer(currentIdbTransaction());
    await settleNamesNow(db);
  });
}

/**
 * Clears the mark of two rows that no longer share a name (one was renamed, or deleted), and
 * gives a row that was filed under a key of its own its name's key back once no other row has
 * it: the unique index guards that name again, so no third row can take it unmarked.
 */
async function settleNamesNow(db: TendDB) {
  const marked = await db.syncNotes.filter((note) => note.sameNameAs !== undefined).toArray();
  for (const note of marked) {
    const table = db.table(note.table);
    const [row, other] = (await table.bulkGet([note.id, note.sameNameAs!])) as (StoredRow | undefined)[];
    if (row && other && shareAName(note.table, row, other)) continue;
    const rest: SyncNote = { ...note };
    delete rest.sameNameAs;
    if (hasNote(rest)) await db.syncNotes.put(rest);
    else await db.syncNotes.delete(note.id);
    if (row) await takeNameBack(db, note.table, row);
  }
}

/** A key of a row that keeps its name apart from another's ends with NUL and the row's id. */
const nameOf = (key: unknown) => (typeof key === 'string' ? key.split('\u0000')[0] : undefined);

function shareAName(table: string, row: StoredRow, other: StoredRow): boolean {
  return (UNIQUE_KEYS[table] ?? []).some((key) => nameOf(row[key]) !== undefined && nameOf(row[key]) === nameOf(other[key]));
}

async function takeNameBack(db: TendDB, table: string, row: StoredRow) {
  let changed = false;
  for (const key of UNIQUE_KEYS[table] ?? []) {
    const name = nameOf(row[key]);
    if (name === undefined || name === row[key]) continue;
    const holder = (await db.table(table).where(key).equals(name).first()) as StoredRow | undefined;
    if (holder) {
      // Another row has the name now: the two are marked instead.
      await noteSameName(db, table, String(row.id), String(holder.id));
      await noteSameName(db, table, String(holder.id), String(row.id));
      continue;
    }
    row[key] = name;
    changed = true;
  }
  if (changed) await db.table(table).put(row);
}

/** Whether a note still has something to say or to keep. */
function hasNote(note: SyncNote): boolean {
  return Object.keys(note.fields ?? {}).length > 0 || Boolean(note.sameNameAs || note.deletedElsewhere || note.keptForLinks || note.ownDelete) || note.newerSchema !== undefined;
}

/**
 * Deletes rows deleted on another device, but for one that rows here are filed under (a post's
 * category, a to-do's person), which this batch has not moved away: that one is kept and sent
 * again, as an edit that met a delete is. Deleting it would leave them pointing at nothing, and
 * a post cannot lose its category; the device that filed them is the one that still has the
 * row to send (any other waits for it). Its note says so on every device.
 */
async function applyDeletes(db: TendDB, deleted: readonly RowDoc[]) {
  const gone: string[] = [];
  for (const doc of deleted) {
    const linked = await linkedTable(db, doc._id);
    if (!linked) {
      gone.push(doc._id);
      continue;
    }
    await db.synced.put({ id: doc._id, rev: doc._rev! });
    const note = (await db.syncNotes.get(doc._id)) ?? { id: doc._id, table: linked };
    await db.syncNotes.put({ ...note, keptForLinks: true });
    await db.outbox.put({ id: doc._id, table: linked, stamp: Math.random() });
  }
  // A deleted document no longer says which table its row was in.
  for (const table of Object.keys(MODEL_FIELDS)) if (gone.length > 0) await db.table(table).bulkDelete(gone);
  await db.syncNotes.bulkDelete(gone);
  await db.synced.bulkPut(deleted.filter((doc) => gone.includes(doc._id)).map((doc) => ({ id: doc._id, rev: doc._rev! })));
}

/** The table of the row `id` when a row on this device is filed under it, or undefined. */
async function linkedTable(db: TendDB, id: string): Promise<string | undefined> {
  for (const link of LINKS) {
    if (!(await db.table(link.target).get(id))) continue;
    if ((await rowsPointingAt(db.table(link.table), LINK_INDEX[`${link.table}.${link.field}`]!, id).count()) > 0) return link.target;
  }
  return undefined;
}

/** The index that finds the rows of a table that point at a row, by their field. */
const LINK_INDEX: Record<string, string> = {
  'todos.userId': '[userId+dueKey+id]',
  'todos.categoryId': '[categoryId+dueKey+id]',
  'posts.categoryId': '[categoryId+pubDate+id]',
  'posts.authorId': '[authorId+pubDate+id]',
};

/** One row with its notes to keep or clear; `ownDelete` is this device's delete it came back from. */
async function applyOne(db: TendDB, doc: RowDoc & { _rev?: string }, ownDelete?: string) {
  const id = doc._id;
  const row = rowOf(doc, db.versions);
  const before = await db.syncNotes.get(id);
  if (!row) {
    await db.syncNotes.put({ id, table: doc.type, newerSchema: doc.schema });
    await db.synced.put({ id, rev: doc._rev! });
    return;
  }
  await keepNamesApart(db, doc.type, row);
  await db.table(doc.type).put(row);
  const note: SyncNote = { id, table: doc.type };
  if (doc.clashes) note.fields = doc.clashes;
  if (doc.deletedElsewhere) note.deletedElsewhere = true;
  if (doc.keptForLinks) note.keptForLinks = true;
  // Read again: keeping names apart may just have noted a clash.
  const sameName = (await db.syncNotes.get(id))?.sameNameAs;
  if (sameName) note.sameNameAs = sameName;
  const own = ownDelete ?? before?.ownDelete;
  if (own) {
    note.ownDelete = own;
    if ((doc.deletedElsewhere || doc.keptForLinks) && doc.deletedRevs?.includes(own)) note.deletedHere = true;
  }
  // This device's delete, once the row stands again with nothing to say about it, is history.
  const reported = own !== undefined && doc.deletedRevs?.includes(own) && !note.deletedElsewhere && !note.keptForLinks;
  if (reported) delete note.ownDelete;
  if (note.fields || note.deletedElsewhere || note.keptForLinks || note.sameNameAs || note.ownDelete) await db.syncNotes.put(note);
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
