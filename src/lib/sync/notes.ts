import Dexie from 'dexie';
import { db } from '../../db/db';
import type { SyncNote } from '../../db/models';
import type { StoredRow } from '../../db/schema';
import { href } from '../href';
import { modelAt } from '../models';
import { storedRow } from '../stored-rows';
import { isSyncedTable } from './documents';

// What sync found for a person to look at: fields changed on two devices, two rows with one
// unique name, a delete that met a change. Each note lives on the device (syncNotes) and, for
// clashes and deletes, also travels with the row, so every device shows the same ones.

export interface SyncNoteView {
  id: string;
  table: string;
  /** The row's name or title. */
  label: string;
  /** The row's address. */
  href: string;
  fields: { field: string; label: string; values: { value: string; by: string }[] }[];
  sameNameAs?: { label: string; href: string };
  deletedElsewhere: boolean;
  /** Deleted on one device while another filed rows under it (a post, a to-do): it is kept. */
  keptForLinks: boolean;
  /** The delete that `deletedElsewhere` or `keptForLinks` is about was made on this device. */
  deletedHere: boolean;
}

/** A card of a note that OK clears, on every device: the other cards of the row stay. */
export type KeptCard = 'deletedElsewhere' | 'keptForLinks';

/** What a kept delete's card says, from this device's side. */
export function keptSentence(card: KeptCard, deletedHere: boolean): string {
  if (card === 'deletedElsewhere') {
    return deletedHere ? 'Deleted on this device while it was changed on another; it is kept.' : 'Deleted on another device while it was changed; it is kept.';
  }
  return deletedHere
    ? 'Deleted on this device while another device filed rows under it; it is kept.'
    : 'Deleted on another device while rows were filed under it; it is kept.';
}

/** Every note, for a live query. Rows a newer Tend wrote are counted apart (the engine's newerRows). */
export async function syncNotes(): Promise<SyncNoteView[]> {
  const notes = (await db.syncNotes.toArray()).filter((note) => note.newerSchema === undefined && hasCard(note));
  const views: SyncNoteView[] = [];
  for (const note of notes) {
    const row = await rowOf(note.table, note.id);
    if (!row) continue;
    const other = note.sameNameAs ? await rowOf(note.table, note.sameNameAs) : undefined;
    const model = modelAt(note.table);
    views.push({
      id: note.id,
      table: note.table,
      label: titleOf(note.table, row),
      href: href(`/${note.table}/${note.id}`),
      fields: Object.entries(note.fields ?? {}).map(([field, values]) => ({
        field,
        label: model?.fields.find((known) => known.name === field)?.label ?? field,
        values: values.map(({ value, by }) => ({ value: value === undefined || value === null || value === '' ? '(empty)' : String(value), by })),
      })),
      ...(other && note.sameNameAs ? { sameNameAs: { label: titleOf(note.table, other), href: href(`/${note.table}/${note.sameNameAs}`) } } : {}),
      deletedElsewhere: note.deletedElsewhere === true,
      keptForLinks: note.keptForLinks === true,
      deletedHere: note.deletedHere === true,
    });
  }
  return views;
}

/** What sync says about one row, in a sentence for its own page, or undefined when nothing. */
export async function noteAbout(id: string): Promise<string | undefined> {
  const note = await db.syncNotes.get(id);
  if (!note) return undefined;
  const model = modelAt(note.table);
  const fields = Object.keys(note.fields ?? {}).map((field) => model?.fields.find((known) => known.name === field)?.label ?? field);
  if (fields.length > 0) return `Changed on two devices (${fields.join(', ')}): choose which to keep on the Sync page.`;
  if (note.sameNameAs) return 'Another row has the same name, added on another device: rename or merge one of them.';
  if (note.deletedElsewhere) return keptSentence('deletedElsewhere', note.deletedHere === true);
  if (note.keptForLinks) return keptSentence('keptForLinks', note.deletedHere === true);
  return undefined;
}

/**
 * Keeps one of the values a field was given on two devices: the row takes it everywhere. A
 * name another row has taken since cannot be kept: that is said in words, and nothing changes.
 */
export async function keepValue(id: string, field: string, index: number): Promise<void> {
  let chosenValue: unknown;
  let table = '';
  try {
    await keepValueNow(id, field, index, (value, of) => ((chosenValue = value), (table = of)));
  } catch (error) {
    if (!(error instanceof Dexie.ConstraintError)) throw error;
    const noun = modelAt(table)?.singular ?? 'row';
    throw new Error(`another ${noun} is already called “${String(chosenValue)}”. Rename that one first, or keep the other value.`, { cause: error });
  }
}

async function keepValueNow(id: string, field: string, index: number, keeping: (value: unknown, table: string) => void): Promise<void> {
  await db.transaction('rw', [db.syncNotes, ...Object.keys(storedRow).map((table) => db.table(table))], async () => {
    const note = await db.syncNotes.get(id);
    const chosen = note?.fields?.[field]?.[index];
    if (!note || !chosen || !isSyncedTable(note.table)) return;
    const row = (await db.table(note.table).get(id)) as StoredRow | undefined;
    if (!row) return;
    keeping(chosen.value, note.table);
    const fields = { ...note.fields };
    delete fields[field];
    await saveNote({ ...note, fields });
    // Written as any edit is: the outbox sends it, and the note's change goes with it.
    await db.table(note.table).put(storedRow[note.table]({ ...row, [field]: chosen.value ?? undefined } as never));
  });
}

/**
 * OK on a kept delete's card: clears that card only (the row's other notes stay), here and, as
 * the row goes again with it, on every device. The revision changes no field, so a merge never
 * takes it for an edit that would beat a new delete (merge.ts).
 */
export async function dismissNote(id: string, card: KeptCard): Promise<void> {
  await db.transaction('rw', [db.syncNotes, db.outbox], async () => {
    const note = await db.syncNotes.get(id);
    if (!note?.[card]) return;
    const rest: SyncNote = { ...note };
    delete rest[card];
    if (!rest.deletedElsewhere && !rest.keptForLinks) delete rest.deletedHere;
    await saveNote(rest);
    // The row itself is unchanged; it goes again so other devices drop the note too.
    await db.outbox.put({ id, table: note.table, stamp: Math.random() });
  });
}

async function saveNote(note: SyncNote) {
  const hasFields = note.fields && Object.keys(note.fields).length > 0;
  if (!hasFields) delete note.fields;
  if (hasFields || note.deletedElsewhere || note.keptForLinks || note.sameNameAs || note.ownDelete || note.newerSchema !== undefined) await db.syncNotes.put(note);
  else await db.syncNotes.delete(note.id);
}

/** Whether a note has something for a person (one may hold only this device's own delete, for its wording). */
function hasCard(note: SyncNote): boolean {
  return Object.keys(note.fields ?? {}).length > 0 || note.sameNameAs !== undefined || note.deletedElsewhere === true || note.keptForLinks === true;
}

function rowOf(table: string, id: string): Promise<StoredRow | undefined> {
  return db.table(table).get(id) as Promise<StoredRow | undefined>;
}

function titleOf(table: string, row: StoredRow): string {
  return modelAt(table)?.titleOf(row) ?? String(row.id);
}
