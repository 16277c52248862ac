import { v4 } from 'uuid';
import type { OutboxEntry, SyncNote } from '../../db/models';
import type { TendDB } from '../../db/schema';
import { fieldsOf, generationOf, isSyncedTable, MODEL_FIELDS, sameValue, type RowDoc } from './documents';

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

/** Sends every row in the outbox; returns how many entries it handled. */
export async function sendOutbox(context: SendContext, limit = 200): Promise<number> {
  const entries = await context.db.outbox.limit(limit).toArray();
  for (const entry of entries) await sendOne(context, entry);
  return entries.length;
}

async function sendOne({ db, local, by }: SendContext, entry: OutboxEntry): Promise<void> {
  const { id, table } = entry;
  if (!isSyncedTable(table)) return settle(db, entry);
  const [row, synced, note] = await db.transaction('r', [db.table(table), db.synced, db.syncNotes], () =>
    Promise.all([db.table(table).get(id) as Promise<Record<string, unknown> | undefined>, db.synced.get(id), db.syncNotes.get(id)]),
  );
  const current = await currentRevision(local, id);
  // A row this device never synced and whose document exists was sent before the outbox
  // entry could be cleared (the app closed in between): that document is its base.
  const baseRev = synced?.rev ?? current?.rev;
  if (!row) {
    if (!current || current.deleted) return settle(db, entry, current?.rev);
    const written = await write(local, { _id: id, _deleted: true } as RowDoc, baseRev, current.rev);
    return settle(db, entry, written);
  }
  const base = baseRev ? await revision(local, id, baseRev) : undefined;
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
    ...base,
    _id: id,
    type: table,
    schema: Math.max(base?.schema ?? 0, db.verno),
    by,
    // Fields this code does not know (written by a newer Tend) are kept as they were.
    fields: { ...withoutModelFields(base?.fields ?? {}, table), ...fields },
    edits,
  };
  noted(doc, note);
  changed ||= !sameValue(doc.clashes, base?.clashes) || doc.deletedElsewhere !== base?.deletedElsewhere;
  if (!changed && baseRev === current?.rev && !current?.deleted) return settle(db, entry, baseRev);
  return settle(db, entry, await write(local, doc, baseRev, current?.rev));
}

/** What a person has still to look at goes with the row, so every device shows it. */
function noted(doc: RowDoc, note: SyncNote | undefined) {
  delete doc.clashes;
  delete doc.deletedElsewhere;
  if (note?.fields && Object.keys(note.fields).length > 0) doc.clashes = note.fields;
  if (note?.deletedElsewhere) doc.deletedElsewhere = true;
}

function withoutModelFields(fields: Record<string, unknown>, table: keyof typeof MODEL_FIELDS) {
  const kept = { ...fields };
  for (const field of MODEL_FIELDS[table]) delete kept[field];
  return kept;
}

/** Saves `doc` on top of `baseRev`: a plain update when that is the latest, else a sibling. */
async function write(local: PouchDB.Database<RowDoc>, doc: RowDoc, baseRev: string | undefined, currentRev: string | undefined): Promise<string> {
  const clean = { ...doc } as RowDoc & { _revisions?: unknown; _conflicts?: unknown };
  delete clean._revisions;
  delete clean._conflicts;
  if (baseRev === currentRev) {
    const saved = await local.put({ ...clean, _rev: baseRev } as PouchDB.Core.PutDocument<RowDoc>);
    return saved.rev;
  }
  // The same thing replication does with another device's revision: a new branch off the base.
  const hash = v4().replaceAll('-', '');
  const generation = generationOf(baseRev) + 1;
  const ids = baseRev ? [hash, baseRev.slice(baseRev.indexOf('-') + 1)] : [hash];
  const rev = `${generation}-${hash}`;
  await local.bulkDocs([{ ...clean, _rev: rev, _revisions: { start: generation, ids } } as never], { new_edits: false });
  return rev;
}

/** The current winning revision of a document, deleted or not. */
async function currentRevision(local: PouchDB.Database<RowDoc>, id: string): Promise<{ rev: string; deleted: boolean } | undefined> {
  const [found] = (await local.allDocs({ keys: [id] })).rows as { value?: { rev: string; deleted?: boolean } }[];
  return found?.value ? { rev: found.value.rev, deleted: found.value.deleted === true } : undefined;
}

async function revision(local: PouchDB.Database<RowDoc>, id: string, rev: string): Promise<RowDoc | undefined> {
  try {
    const doc = await local.get(id, { rev });
    return doc._deleted ? undefined : (doc as RowDoc);
  } catch {
    return undefined;
  }
}

/**
 * Clears the entry, unless the row changed again while it was being sent (then it stays, and
 * goes again), and records the revision the row is now in step with.
 */
async function settle(db: TendDB, entry: OutboxEntry, rev?: string): Promise<void> {
  await db.transaction('rw', [db.outbox, db.synced], async () => {
    const now = await db.outbox.get(entry.id);
    if (now?.stamp === entry.stamp) await db.outbox.delete(entry.id);
    if (rev) await db.synced.put({ id: entry.id, rev });
  });
}
