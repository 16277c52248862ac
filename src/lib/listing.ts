import Dexie from 'dexie';
import { dataTables, db } from '../db/db';
import { countOf, pageOf, type Ordering, type Page, type PagePosition, type ReadTable } from './paging';

/**
 * A model's `page` and `count`, from its table and an optional `expand` that loads what its
 * rows point at (one bulkGet per related table for the whole page, never one read per row).
 */
export function pagesOf<Stored extends object, Row extends object = Stored>(
  table: () => ReadTable<Stored>,
  expand?: (rows: Stored[]) => Promise<Row[]>,
) {
  return {
    // One read-only transaction for the page and its related rows: a consistent snapshot, and
    // the related reads cannot queue behind other reads (a count of a large table) in between.
    page(ordering: Ordering, position: PagePosition, size: number): Promise<Page<Row>> {
      return db.transaction('r', dataTables(), async () => {
        const page = await pageOf(table(), ordering, position, size);
        const rows = expand ? await expand(page.rows) : (page.rows as unknown as Row[]);
        return { ...page, rows };
      });
    },
    count(ordering: Ordering): Promise<number> {
      return countOf(table(), ordering);
    },
  };
}

/** Loads the rows with these ids (duplicates and missing ids allowed) in one read, by id. */
export async function byId<Row extends { id: string }>(table: ReadTable<Row>, ids: (string | undefined)[]) {
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
