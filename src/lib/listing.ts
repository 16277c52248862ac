import Dexie from 'dexie';
import { dataTables, db, onStorageMutated } from '../db/db';
import { countOf, pageOf, type Ordering, type Page, type PagePosition, type ReadTable } from './paging';

/** Reads the rows with these ids, by id: `byId`, or a list's `KeptRows`. */
export type RelatedReader = <Row extends { id: string }>(table: ReadTable<Row>, ids: (string | undefined)[]) => Promise<Map<string, Row>>;

/**
 * A model's `page` and `count`, from its table and an optional `expand` that loads what its
 * rows point at (one bulkGet per related table for the whole page, never one read per row).
 */
export function pagesOf<Stored extends object, Row extends object = Stored>(
  table: () => ReadTable<Stored>,
  expand?: (rows: Stored[], read: RelatedReader) => Promise<Row[]>,
) {
  return {
    // One read-only transaction for the page and its related rows: a consistent snapshot, and
    // the related reads cannot queue behind other reads (a count of a large table) in between.
    // The steps are chained on Dexie's promises, each starting in the transaction, rather than
    // written as an async function: for an async one, Dexie carries the transaction across
    // native awaits by re-entering it for the next hundred microtask switches, and meanwhile
    // hands live queries' results over from a timer; a toggle's row waited for both.
    page(ordering: Ordering, position: PagePosition, size: number, kept?: KeptRows): Promise<Page<Row>> {
      const read = kept ? kept.byId : byId;
      return db.transaction('r', dataTables(), () =>
        pageOf(table(), ordering, position, size).then((page) =>
          expand ? expand(page.rows, read).then((rows) => ({ ...page, rows })) : (page as unknown as Page<Row>),
        ),
      );
    },
    count(ordering: Ordering): Promise<number> {
      return countOf(table(), ordering);
    },
  };
}

/** Loads the rows with these ids (duplicates and missing ids allowed) in one read, by id. */
export async function byId<Row extends { id: string }>(table: ReadTable<Row>, ids: (string | undefined)[]): Promise<Map<string, Row>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
  const rows = wanted.length > 0 ? await table.bulkGet(wanted) : [];
  return new Map(rows.filter((row): row is Row => row !== undefined).map((row) => [row.id, row]));
}

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

  /** Forgets the rows of each table that changes, then calls `changed` if it held any; returns the stop. */
  watch(changed: () => void): () => void {
    return onStorageMutated((parts) => {
      // Parts are named idb://<database>/<table>/<index>.
      let forgot = false;
      for (const part of Object.keys(parts)) forgot = this.#tables.delete(part.split('/')[3] ?? '') || forgot;
      if (forgot) changed();
    });
  }
}

/**
 * The rows of `table` whose leading index field holds `id`: a user's to-dos through
 * `[userId+dueKey+id]`, a category's posts through `[categoryId+pubDate+id]`.
 */
export function rowsPointingAt<Row>(table: ReadTable<Row>, index: string, id: string) {
  return table.where(index).between([id], [id, Dexie.maxKey]);
}
