// A list as CSV, in the order and slice the person is looking at.
import { dataTables, db } from '../../db/db';
import type { Ordering, PagePosition } from '../paging';
import type { AnyCrudModel } from '../crud';
import { localDay } from '../dates';

/** Rows read per page: keyset pages, so a long list never sits in one IndexedDB request. */
export const CSV_PAGE_SIZE = 1000;

/**
 * A cell that starts like a formula (= + - @) or with a tab or carriage return is run by
 * Excel, LibreOffice and Google Sheets when the file is opened; a leading apostrophe makes
 * it text (OWASP's advice on CSV injection). Someone else's backup can put anything in a title.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Fields holding a comma, quote or line break are quoted (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | undefined): string {
  if (value === undefined) return '';
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** RFC 4180: CRLF after every record, the header first; an absent value is an empty cell. */
export function toCsv(headers: string[], rows: (string | undefined)[][]): string {
  return [headers, ...rows].map((record) => `${record.map(csvCell).join(',')}\r\n`).join('');
}

/**
 * The whole list in `ordering` (its sort, filter, search or scope), as the list's own columns
 * show it. Walks keyset pages inside one read-only transaction, so rows edited in another tab
 * meanwhile cannot appear twice or go missing between pages.
 */
export async function exportListCsv(model: AnyCrudModel, ordering: Ordering): Promise<string> {
  const rows = await db.transaction('r', dataTables(), async () => {
    const read: unknown[] = [];
    let position: PagePosition = { at: 'first' };
    for (;;) {
      const page = await model.page(ordering, position, CSV_PAGE_SIZE);
      read.push(...page.rows);
      if (!page.hasNext || !page.lastKey) return read;
      position = { after: page.lastKey };
    }
  });
  return toCsv(
    model.columns.map((column) => column.label),
    rows.map((row) => model.columns.map((column) => column.value(row))),
  );
}

/**
 * For download. The byte order mark tells Excel the file is UTF-8; without it, names with
 * accents or emoji open garbled.
 */
export function csvBlob(csv: string): Blob {
  return new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
}

/** `tend-todos-2025-03-14.csv`. */
export function csvFileName(path: string, date: Date = new Date()): string {
  return `tend-${path}-${localDay(date)}.csv`;
}
