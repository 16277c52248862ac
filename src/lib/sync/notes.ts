// STUB, to be replaced by the sync engine's own module: only the signatures the Sync screen is
// built against. There are never any notes here.

/** A row that sync left for a person to look at. */
export interface SyncNoteView {
  id: string;
  table: string;
  /** The row's name or title. */
  label: string;
  /** The row's address in the app, e.g. `/todos/<id>` (without the deploy base). */
  href: string;
  /** Fields changed on two devices, each with the values it had and who wrote them. */
  fields: { field: string; label: string; values: { value: string; by: string }[] }[];
  /** Another row of the same table with the same name. */
  sameNameAs?: { label: string; href: string };
  /** Deleted on another device while it was changed here: kept. */
  deletedElsewhere: boolean;
}

/** The notes, for the live query helper. */
export async function syncNotes(): Promise<SyncNoteView[]> {
  return [];
}

/** Keeps value `index` of `field`, as chosen by the person. */
export async function keepValue(id: string, field: string, index: number): Promise<void> {
  void [id, field, index];
}

/** The person has seen the note (a name clash handled, a deletion acknowledged). */
export async function dismissNote(id: string): Promise<void> {
  void id;
}
