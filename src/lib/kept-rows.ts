// Without Dexie or the data layer, which load after the first screen: a list (RowsBrowser)
// makes its KeptRows as it is created, and hands it Dexie's change signal once it has loaded
// (importing the data layer from here made an import cycle through it).
import type { ReadTable } from './paging';

/** Dexie's change signal (onStorageMutated in db/db.ts): calls `listener` with the changed parts; returns the stop. */
export type StorageSignal = (listener: (parts: Record<string, unknown>) => void) => () => void;

/** Reads the rows with these ids, by id: `byId` (listing.ts), or a list's `KeptRows`. */
export type RelatedReader = <Row extends { id: string }>(table: ReadTable<Row>, ids: (string | undefined)[]) => Promise<Map<string, Row>>;

/**
 * The rows a list shows beside its own (a to-do's owner and category, a post's category and
 * author), kept between reads of its page for as long as their tables do not change. Ticking a
 * to-do reads its page again, and reading its owners and categories again, one `get` each, took
 * longer than the page itself. The list's live query does not see rows read from here, so
 * `watch` forgets a table's rows when anything in that table changes, in this tab or another
 * (Dexie's change signal), and then tells the list to read its page again.
 */
export class KeptRows {
  /** Table name → id → row, or undefined for an id with no row (a link to a deleted row). */
  readonly #tables = new Map<string, Map<string, unknown>>();

  /** As `byId`, reading only the ids not kept yet. */
  readonly byId: RelatedReader = async <Row extends { id: string }>(table: ReadTable<Row>, ids: (string | undefined)[]) => {
    let kept = this.#tables.get(table.name) as Map<string, Row | undefined> | undefined;
    if (!kept) this.#tables.set(table.name, (kept = new Map()));
    const missing = [...new Set(ids.filter((id): id is string => id !== undefined && !kept.has(id)))];
    if (missing.length > 0) {
      const read = await table.bulkGet(missing);
      missing.forEach((id, index) => kept.set(id, read[index]));
    }
    const rows = new Map<string, Row>();
    for (const id of ids) {
      const row = id === undefined ? undefined : kept.get(id);
      if (row) rows.set(row.id, row);
    }
    return rows;
  };

  /**
   * Forgets the rows of each table that changes, then calls `changed` if it held any; returns the
   * stop. The signal comes with the data layer, which nothing is kept before.
   */
  watch(signal: Promise<StorageSignal>, changed: () => void): () => void {
    let stop: (() => void) | undefined;
    let stopped = false;
    void signal.then((onStorageMutated) => {
      if (stopped) return;
      stop = onStorageMutated((parts) => {
        // Parts are named idb://<database>/<table>/<index>.
        let forgot = false;
        for (const part of Object.keys(parts)) forgot = this.#tables.delete(part.split('/')[3] ?? '') || forgot;
        if (forgot) changed();
      });
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }
}
