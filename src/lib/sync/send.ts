import { v4 } from 'uuid';
import type { OutboxEntry, SyncNote } from '../../db/models';
import type { StoredRow, TendDB } from '../../db/schema';
import { sameValue } from '../row-shape';
import { fieldsOf, generationOf, isSyncedTable, MODEL_FIELDS, type RowDoc } from './documents';

// Sending: the outbox's rows go into this device's copy of the household's database (PouchDB),
// which replication then carries to the server. Each write builds on the revision the row was
// last in step with. When the server's side has moved on meanwhile (a change arrived that this
// device has not shown yet), the write becomes a sibling of that revision instead of
// overwriting it: CouchDB records a conflict, and the merge settles it field by field. A later
// change is never overwritten by an older one.

export interface SendContext {
  db: TendDB;
  local: PouchDB.Database<RowDoc>;
  /** The person signed in, who writes every revision this device sends. */
  by: string;
}

/** A row's revision in this device's copy: the winner, deleted or not, with its body when live. */
interface Current {
  rev: string;
  deleted: boolean;
  doc?: RowDoc;
}

/**
 * Sends a batch of the outbox, reading and writing the copy a batch at a time (a first sync
 * of a device full of rows is a few large writes). Returns how many entries it settled: an
 * entry the copy refused meanwhile (a change arrived for that row) stays for the next round.
 */
export async function sendOutbox(context: SendContext, limit = 500): Promise<number> {
  const { db, local } = context;
  const entries = await db.outbox.filter((entry) => entry.sentRev === undefined).limit(limit).toArray();
  if (entries.length === 0) return 0;
  const ids = entries.map((entry) => entry.id);
  const tables = Object.keys(MODEL_FIELDS).map((table) => db.table(table));
  const [rows, synced, notes] = await db.transaction('r', [...tables, db.synced, db.syncNotes], () =>
    Promise.all([
      Promise.all(entries.map((entry) => (isSyncedTable(entry.table) ? (db.table(entry.table).get(entry.id) as Promise<StoredRow | undefined>) : undefined))),
      db.synced.bulkGet(ids),
      db.syncNotes.bulkGet(ids),
    ]),
  );
  const found = (await local.allDocs({ keys: ids, include_docs: true })).rows as { value?: { rev: string; deleted?: boolean }; doc?: RowDoc | null }[];
  const settled: Settled[] = [];
  const updates: { entry: OutboxEntry; doc: RowDoc }[] = [];
  for (const [index, entry] of entries.entries()) {
    const seen = found[index];
    const current: Current | undefined = seen?.value ? { rev: seen.value.rev, deleted: seen.value.deleted === true, doc: seen.doc ?? undefined } : undefined;
    const next = await nextRevision(context, entry, rows[index], synced[index]?.rev, current, notes[index]);
    const deletedHere = rows[index] ? {} : { deletedHere: true as const };
    if (next.kind === 'settled') settled.push({ entry, rev: next.rev, ...deletedHere });
    else if (next.kind === 'update') updates.push({ entry, doc: next.doc });
    else settled.push({ entry, rev: await writeSibling(local, next.doc, next.baseRev), sent: true, ...deletedHere });
  }
  if (updates.length > 0) {
    const results = await local.bulkDocs(updates.map(({ doc }) => doc as PouchDB.Core.PutDocument<RowDoc>));
    for (const [index, result] of results.entries()) {
      const { entry, doc } = updates[index]!;
      if ('ok' in result && result.ok) settled.push({ entry, rev: result.rev, sent: true, ...(doc._deleted ? { deletedHere: true } : {}) });
    }
  }
  await settle(db, settled);
  return settled.length;
}

type Next =
  | { kind: 'settled'; rev: string | undefined }
  | { kind: 'update'; doc: RowDoc }
  | { kind: 'sibling'; doc: RowDoc; baseRev: string | undefined };

/** What sending one row means: nothing, an update of the current revision, or a sibling of its base. */
async function nextRevision(
  { local, by, db }: SendContext,
  entry: OutboxEntry,
  row: StoredRow | undefined,
  syncedRev: string | undefined,
  current: Current | undefined,
  note: SyncNote | undefined,
): Promise<Next> {
  const { id, table } = entry;
  if (!isSyncedTable(table)) return { kind: 'settled', rev: undefined };
  const baseRev = syncedRev;
  if (!baseRev && current && !current.deleted && row && sameFields(table, row, current.doc)) {
    // Sent before, and the app closed before the entry was cleared: nothing more to send.
    return { kind: 'settled', rev: current.rev };
  }
  // Otherwise a row this device was never in step with (kept from before signing out, say)
  // but the household has goes as a sibling with no common base: what differs is shown as a
  // clash, and nothing the household wrote since is overwritten by this older copy.
  const onTop = (doc: RowDoc): Next => (baseRev === current?.rev ? { kind: 'update', doc: { ...doc, _rev: baseRev } } : { kind: 'sibling', doc, baseRev });
  if (!row) {
    if (!current || current.deleted) return { kind: 'settled', rev: current?.rev };
    return onTop({ _id: id, _deleted: true } as RowDoc);
  }
  const base = baseRev === current?.rev ? (current?.deleted ? undefined : current?.doc) : baseRev ? await revision(local, id, baseRev) : undefined;
  const fields = fieldsOf(table, row);
  const edits = { ...base?.edits };
  const generation = generationOf(baseRev) + 1;
  let changed = false;
  for (const field of MODEL_FIELDS[table]) {
    if (!sameValue(fields[field], base?.fields[field])) {
      edits[field] = generation;
      changed = true;
    }
  }
  const doc: RowDoc = {
    ...withoutRevisionInfo(base),
    _id: id,
    type: table,
    schema: Math.max(base?.schema ?? 0, db.verno),
    by,
    // Fields this code does not know (written by a newer Tend) are kept as they were.
    fields: { ...withoutModelFields(base?.fields ?? {}, table), ...fields },
    edits,
  };
  // Back on top of a delete (kept for what is filed under it, or an undo): that delete is
  // reported, so no merge takes it for a new one, and its device can tell it was its own.
  if (current?.deleted && baseRev === current.rev) doc.deletedRevs = [...new Set([...(doc.deletedRevs ?? []), current.rev])].sort();
  noted(doc, note);
  changed ||= !sameValue(doc.clashes, base?.clashes) || doc.deletedElsewhere !== base?.deletedElsewhere || doc.keptForLinks !== base?.keptForLinks;
  if (!changed && baseRev === current?.rev && !current?.deleted) return { kind: 'settled', rev: baseRev };
  return onTop(doc);
}

function sameFields(table: keyof typeof MODEL_FIELDS, row: StoredRow, doc: RowDoc | undefined): boolean {
  const fields = fieldsOf(table, row);
  return MODEL_FIELDS[table].every((field) => sameValue(fields[field], doc?.fields[field]));
}

function withoutRevisionInfo(doc: RowDoc | undefined): Partial<RowDoc> {
  if (!doc) return {};
  const clean = { ...doc } as RowDoc & { _revisions?: unknown; _conflicts?: unknown };
  delete clean._rev;
  delete clean._revisions;
  delete clean._conflicts;
  return clean;
}

/** What a person has still to look at goes with the row, so every device shows it. */
function noted(doc: RowDoc, note: SyncNote | undefined) {
  delete doc.clashes;
  delete doc.deletedElsewhere;
  delete doc.keptForLinks;
  if (note?.fields && Object.keys(note.fields).length > 0) doc.clashes = note.fields;
  if (note?.deletedElsewhere) doc.deletedElsewhere = true;
  if (note?.keptForLinks) doc.keptForLinks = true;
}

function withoutModelFields(fields: Record<string, unknown>, table: keyof typeof MODEL_FIELDS) {
  const kept = { ...fields };
  for (const field of MODEL_FIELDS[table]) delete kept[field];
  return kept;
}

/**
 * Saves `doc` as a new branch off `baseRev`, as replication does with another device's
 * revision: CouchDB then has a conflict, which the merge settles.
 */
async function writeSibling(local: PouchDB.Database<RowDoc>, doc: RowDoc, baseRev: string | undefined): Promise<string> {
  const hash = v4().replaceAll('-', '');
  const generation = generationOf(baseRev) + 1;
  const ids = baseRev ? [hash, baseRev.slice(baseRev.indexOf('-') + 1)] : [hash];
  const rev = `${generation}-${hash}`;
  await local.bulkDocs([{ ...doc, _rev: rev, _revisions: { start: generation, ids } } as never], { new_edits: false });
  return rev;
}

async function revision(local: PouchDB.Database<RowDoc>, id: string, rev: string): Promise<RowDoc | undefined> {
  try {
    const doc = await local.get(id, { rev });
    return doc._deleted ? undefined : (doc as RowDoc);
  } catch {
    return undefined;
  }
}

interface Settled {
  entry: OutboxEntry;
  rev: string | undefined;
  /** A new revision was written, which the server has yet to get. */
  sent?: true;
  /** The row is deleted on this device: `rev` is this device's delete. */
  deletedHere?: true;
}

/**
 * Records each sent entry's revision, to be cleared once the server has it (nothing to send:
 * cleared now), except entries whose row changed again while being sent (they go again), and
 * records the revision each row is now in step with.
 */
async function settle(db: TendDB, settled: readonly Settled[]): Promise<void> {
  if (settled.length === 0) return;
  await db.transaction('rw', [db.outbox, db.synced], async () => {
    const now = await db.outbox.bulkGet(settled.map(({ entry }) => entry.id));
    const unchanged = settled.filter(({ entry }, index) => now[index]?.stamp === entry.stamp);
    await db.outbox.bulkDelete(unchanged.filter(({ rev, sent }) => !sent || !rev).map(({ entry }) => entry.id));
    await db.outbox.bulkPut(unchanged.flatMap(({ entry, rev, sent }) => (sent && rev ? [{ ...entry, sentRev: rev }] : [])));
    await db.synced.bulkPut(settled.flatMap(({ entry, rev, deletedHere }) => (rev ? [{ id: entry.id, rev, ...(deletedHere ? { deletedHere } : {}) }] : [])));
  });
}

/** Clears the entries the server now has: a revision pushed, or a later one of the same row. */
export async function confirmPushed(db: TendDB, docs: readonly { _id: string; _rev?: string }[]): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const entries = await db.outbox.bulkGet(docs.map((doc) => doc._id));
    const pushed = entries.filter((entry, index): entry is OutboxEntry => entry?.sentRev !== undefined && generationOf(entry.sentRev) <= generationOf(docs[index]!._rev));
    await db.outbox.bulkDelete(pushed.map((entry) => entry.id));
  });
}
