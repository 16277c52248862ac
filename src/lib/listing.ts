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
    // the related reads cannot queue behind other long reads (counts of a large table) in between.
    async page(ordering: Ordering, position: PagePosition, size: number): Promise<Page<Row>> {
      pagesBeingRead += 1;
      try {
        return await db.transaction('r', dataTables(), async () => {
          const page = await pageOf(table(), ordering, position, size);
          const rows = expand ? await expand(page.rows) : (page.rows as unknown as Row[]);
          return { ...page, rows };
        });
      } finally {
        pagesBeingRead -= 1;
        if (pagesBeingRead === 0) for (const resume of pagesRead.splice(0)) resume();
      }
    },
    count(ordering: Ordering): Promise<number> {
      return countOf(table(), ordering);
    },
  };
}

let pagesBeingRead = 0;
const pagesRead: (() => void)[] = [];

/**
 * Resolves once no page is being read, after letting the live queries that a change set off
 * start theirs (Dexie may start a live query from a timer of its own, so this waits two).
 * For slow reads that should not hold a page back: IndexedDB serves one request at a time.
 */
export async function afterPageReads(): Promise<void> {
  for (let task = 0; task < 2; task++) await new Promise((resolve) => setTimeout(resolve, 0));
  if (pagesBeingRead > 0) await new Promise<void>((resolve) => pagesRead.push(resolve));
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
