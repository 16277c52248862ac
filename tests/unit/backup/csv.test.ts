import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { CSV_PAGE_SIZE, csvBlob, csvFileName, exportListCsv, toCsv } from '../../../src/lib/backup/csv';
import { orderingFor } from '../../../src/lib/paging';
import { moviesModel } from '../../../src/lib/movies/model';
import { todosModel } from '../../../src/lib/todos/model';
import { foldCase } from '../../../src/lib/text';
import { movie, seed, todo, user } from './factories';

/** The records of a CSV text, split on its CRLF line ends. */
const lines = (csv: string) => csv.split('\r\n').slice(0, -1);

describe('CSV text', () => {
  it('writes a header and one record per row, each ending in CRLF', () => {
    expect(toCsv(['Title', 'Year'], [['Up', '2009'], ['Heat', undefined]])).toBe('Title,Year\r\nUp,2009\r\nHeat,\r\n');
  });

  it('quotes fields holding a comma, a quote or a line break, doubling the quotes inside (RFC 4180)', () => {
    expect(toCsv(['a, b'], [['say "hi"'], ['one\ntwo'], ['one\r\ntwo'], ['plain']])).toBe(
      '"a, b"\r\n"say ""hi"""\r\n"one\ntwo"\r\n"one\r\ntwo"\r\nplain\r\n',
    );
  });

  it('keeps unicode as it is', () => {
    expect(toCsv(['Title'], [['שלום 👩‍👩‍👧 Zoe\u0308']])).toBe('Title\r\nשלום 👩‍👩‍👧 Zoe\u0308\r\n');
  });

  it('turns a cell a spreadsheet would run as a formula into text, with a leading apostrophe', () => {
    const cells = ['=HYPERLINK("http://evil")', '+1', '-2+3', '@SUM(A1)', '\tTab', '\rCR', 'a=b', 'mail@x'];
    expect(lines(toCsv(['x'], cells.map((cell) => [cell]))).slice(1)).toEqual([
      `"'=HYPERLINK(""http://evil"")"`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tTab",
      `"'\rCR"`,
      'a=b',
      'mail@x',
    ]);
  });

  it('guards the header too: column labels come from code, but a guard costs nothing', () => {
    expect(toCsv(['=A1'], [])).toBe("'=A1\r\n");
  });

  it('downloads with a byte order mark so spreadsheets read it as UTF-8, named by list and day', async () => {
    const blob = csvBlob('Title\r\nZoë\r\n');
    expect(new Uint8Array(await blob.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(csvFileName('todos', new Date(2025, 0, 9))).toBe('tend-todos-2025-01-09.csv');
  });
});

describe('a list as CSV', () => {
  it('follows the list’s filter and sort through more than one page of 1000', async () => {
    const count = 2 * CSV_PAGE_SIZE + 500;
    await seed({
      users: [user(1, 'Ann')],
      // Mixed case, so the order must come from the folded title, then id.
      todos: Array.from({ length: count }, (_, i) =>
        todo(i + 1, `${i % 3 === 0 ? 'task' : 'Task'} ${String(count - (i % 1700)).padStart(4, '0')}`, {
          done: (i % 4 === 0 ? 0 : 1) as 0 | 1,
          ...(i % 5 === 0 ? { userId: 1 } : {}),
        }),
      ),
    });
    const ordering = orderingFor(todosModel.listing, { filter: 'completed', sort: 'title' });
    const csv = await exportListCsv(todosModel, ordering);

    const expected = (await db.todos.toArray())
      .filter((row) => row.done === 1)
      .sort((a, b) => (foldCase(a.title) < foldCase(b.title) ? -1 : foldCase(a.title) > foldCase(b.title) ? 1 : a.id < b.id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(CSV_PAGE_SIZE);
    expect(lines(csv)).toEqual(['Title,Due,Owner,Category', ...expected.map((row) => `${row.title},,${row.userId ? 'Ann' : ''},`)]);
  });

  it('follows a descending sort and a search', async () => {
    await seed({
      movies: Array.from({ length: 1200 }, (_, i) => movie(i + 1, i % 2 ? `Alien ${i}` : `Brazil ${i}`, { year: 1900 + (i % 100) })),
    });
    const byYear = await exportListCsv(moviesModel, orderingFor(moviesModel.listing, { sort: 'year' }));
    const years = lines(byYear).slice(1).map((line) => Number(line.split(',')[1]));
    expect(years).toHaveLength(1200);
    expect(years).toEqual([...years].sort((a, b) => b - a));

    const search = await exportListCsv(moviesModel, orderingFor(moviesModel.listing, { search: 'ALIEN' }));
    expect(lines(search)).toHaveLength(601);
    expect(lines(search)[0]).toBe('Title,Year,Watched,Rating');
    expect(lines(search).slice(1).every((line) => line.startsWith('Alien '))).toBe(true);
  });

  it('writes only the header for an empty list', async () => {
    expect(await exportListCsv(moviesModel, orderingFor(moviesModel.listing, {}))).toBe('Title,Year,Watched,Rating\r\n');
  });
});
