import Dexie from 'dexie';
import { dataTables, db } from '../db/db';
import { KeptRows, type RelatedReader } from './kept-rows';
import { countOf, pageOf, type Ordering, type Page, type PagePosition, type ReadTable } from './paging';

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

/** Loads the rows with these ids (duplicates and missing ids allowed) in one read, by id: a list's read that keeps nothing. */
export const byId: RelatedReader = (table, ids) => new KeptRows().byId(table, ids);

/**
 * The rows of `table` whose leading index field holds `id`: a user's to-dos through
 * `[userId+dueKey+id]`, a category's posts through `[categoryId+pubDate+id]`.
 */
export function rowsPointingAt<Row>(table: ReadTable<Row>, index: string, id: string) {
  return table.where(index).between([id], [id, Dexie.maxKey]);
}
