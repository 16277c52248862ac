import Dexie from 'dexie';
import { dataTables, db } from '../db/db';
import type { KeptRows } from './kept-rows';
import { countOf, pageOf, type Ordering, type Page, type PagePosition, type ReadTable } from './paging';
import type { RelatedReader } from './kept-rows';

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
 * The rows of `table` whose leading index field holds `id`: a user's to-dos through
 * `[userId+dueKey+id]`, a category's posts through `[categoryId+pubDate+id]`.
 */
export function rowsPointingAt<Row>(table: ReadTable<Row>, index: string, id: string) {
  return table.where(index).between([id], [id, Dexie.maxKey]);
}
