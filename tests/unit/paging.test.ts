import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { countOf, keepingUnchanged, orderingFor, pageOf, type Ordering, type Page } from '../../src/lib/paging';
import type { Movie } from '../../src/db/models';
import { storedMovie } from '../../src/lib/stored-rows';
import { todosModel } from '../../src/lib/todos/model';
import { createTodo } from '../../src/lib/todos/mutations';

/** Movies titled m00…m24, alternately watched, each with a new id as Tend gives them. */
async function seedMovies(count = 25) {
  const rows = Array.from({ length: count }, (_, i) => {
    const title = `m${String(i).padStart(2, '0')}`;
    return storedMovie({ title, watched: i % 2 === 1, createdAt: i });
  });
  await db.movies.bulkAdd(rows);
}

const byTitle: Ordering = { fields: ['titleKey', 'id'], prefix: [], descending: false };
const titles = (page: Page<Movie>) => page.rows.map((movie) => movie.title);

describe('keyset paging', () => {
  it('walks forward and back through every row exactly once', async () => {
    await seedMovies();
    const seen: string[] = [];
    let page = await pageOf(db.movies, byTitle, { at: 'first' }, 10);
    expect(page.hasPrevious).toBe(false);
    seen.push(...titles(page));
    while (page.hasNext) {
      page = await pageOf(db.movies, byTitle, { after: page.lastKey! }, 10);
      seen.push(...titles(page));
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `m${String(i).padStart(2, '0')}`));
    expect(titles(page)).toEqual(['m20', 'm21', 'm22', 'm23', 'm24']);
    expect(page.hasPrevious).toBe(true);

    const back = await pageOf(db.movies, byTitle, { before: page.firstKey! }, 10);
    expect(titles(back)).toEqual(['m10', 'm11', 'm12', 'm13', 'm14', 'm15', 'm16', 'm17', 'm18', 'm19']);
    expect(back.hasPrevious).toBe(true);
    expect(back.hasNext).toBe(true);
    const start = await pageOf(db.movies, byTitle, { before: back.firstKey! }, 10);
    expect(titles(start)[0]).toBe('m00');
    expect(start.hasPrevious).toBe(false);
  });

  it('reads the last page from the end, as cheaply as the first', async () => {
    await seedMovies();
    const last = await pageOf(db.movies, byTitle, { at: 'last' }, 10);
    expect(titles(last)).toEqual(['m15', 'm16', 'm17', 'm18', 'm19', 'm20', 'm21', 'm22', 'm23', 'm24']);
    expect(last).toMatchObject({ hasPrevious: true, hasNext: false });
  });

  it('pages a descending list', async () => {
    await seedMovies();
    const newestFirst = { ...byTitle, descending: true };
    const first = await pageOf(db.movies, newestFirst, { at: 'first' }, 3);
    expect(titles(first)).toEqual(['m24', 'm23', 'm22']);
    const next = await pageOf(db.movies, newestFirst, { after: first.lastKey! }, 3);
    expect(titles(next)).toEqual(['m21', 'm20', 'm19']);
    const last = await pageOf(db.movies, newestFirst, { at: 'last' }, 3);
    expect(titles(last)).toEqual(['m02', 'm01', 'm00']);
  });

  it('keeps to the slice a prefix selects', async () => {
    await seedMovies();
    const watched: Ordering = { fields: ['watched', 'titleKey', 'id'], prefix: [1], descending: false };
    const page = await pageOf(db.movies, watched, { at: 'first' }, 100);
    expect(titles(page)).toEqual(['m01', 'm03', 'm05', 'm07', 'm09', 'm11', 'm13', 'm15', 'm17', 'm19', 'm21', 'm23']);
    expect(await countOf(db.movies, watched)).toBe(12);
  });

  it('searches by prefix within the index', async () => {
    await seedMovies();
    const search: Ordering = { ...byTitle, startsWith: 'm1' };
    expect(titles(await pageOf(db.movies, search, { at: 'first' }, 100))).toEqual(
      Array.from({ length: 10 }, (_, i) => `m1${i}`),
    );
    expect(await countOf(db.movies, search)).toBe(10);
    const watchedM2: Ordering = { fields: ['watched', 'titleKey', 'id'], prefix: [0], startsWith: 'm2', descending: false };
    expect(titles(await pageOf(db.movies, watchedM2, { at: 'first' }, 100))).toEqual(['m20', 'm22', 'm24']);
  });

  it('returns an empty page for an empty slice', async () => {
    expect(await pageOf(db.movies, byTitle, { at: 'first' }, 10)).toMatchObject({ rows: [], hasPrevious: false, hasNext: false });
  });
});

// Every list's index ends in the row's id, and ids are UUIDv7s that sort in the order they
// were made (newId() is monotonic, even within one millisecond). So rows that tie on what a
// list sorts by (the same title, the same due date) keep the order they were added in, on
// every page and whichever way a person pages, as they did with auto-incremented numbers.
describe('rows that tie on the sort key', () => {
  /** The ids of a whole list, read page by page from the first with Next. */
  async function forwards(ordering: Ordering, size: number): Promise<string[]> {
    const ids: string[] = [];
    let page = await todosModel.page(ordering, { at: 'first' }, size);
    ids.push(...page.rows.map((todo) => todo.id));
    while (page.hasNext) {
      page = await todosModel.page(ordering, { after: page.lastKey! }, size);
      ids.push(...page.rows.map((todo) => todo.id));
    }
    return ids;
  }

  /** The same list read from the last page with Previous, put back in list order. */
  async function backwards(ordering: Ordering, size: number): Promise<string[]> {
    const pages: string[][] = [];
    let page = await todosModel.page(ordering, { at: 'last' }, size);
    pages.unshift(page.rows.map((todo) => todo.id));
    while (page.hasPrevious) {
      page = await todosModel.page(ordering, { before: page.firstKey! }, size);
      pages.unshift(page.rows.map((todo) => todo.id));
    }
    return pages.flat();
  }

  /**
   * 25 to-dos "Water the plants" due the same day, added one after another through the form,
   * with a "Buy milk" due earlier added after every fifth: the ids of each, in the order added.
   */
  async function seedTies() {
    const water: string[] = [];
    const milk: string[] = [];
    for (let i = 0; i < 25; i++) {
      water.push(await createTodo({ title: 'Water the plants', notes: '', dueDate: '2025-03-04', done: false, userId: '', categoryId: '' }));
      if (i % 5 === 4) milk.push(await createTodo({ title: 'Buy milk', notes: '', dueDate: '2025-03-01', done: false, userId: '', categoryId: '' }));
    }
    return { water, milk };
  }

  for (const sort of ['title', 'due']) {
    it(`lists them in the order they were added, by ${sort}, paging forwards and backwards`, async () => {
      const { water, milk } = await seedTies();
      const ordering = orderingFor(todosModel.listing, { sort });
      // Pages of 7 cut through both runs of ties: 30 rows are pages of 7, 7, 7, 7 and 2.
      expect(await forwards(ordering, 7)).toEqual([...milk, ...water]);
      expect(await backwards(ordering, 7)).toEqual([...milk, ...water]);
      // Reversed, the whole list turns round: the newest of the ties comes first.
      const reversed = orderingFor(todosModel.listing, { sort, descending: true });
      expect(await forwards(reversed, 7)).toEqual([...milk, ...water].reverse());
      expect(await backwards(reversed, 7)).toEqual([...milk, ...water].reverse());
    });
  }

  it('keeps that order within a filter and a search', async () => {
    const { water } = await seedTies();
    const ordering = orderingFor(todosModel.listing, { filter: 'active', search: 'wat' });
    expect(await forwards(ordering, 4)).toEqual(water);
    expect(await backwards(ordering, 4)).toEqual(water);
  });
});

describe('a page read again', () => {
  const owner = { id: 'u1', username: 'Ann' };
  const page = (...rows: ({ id: string } & Record<string, unknown>)[]) => ({ rows, hasPrevious: false, hasNext: false }) as Page<{ id: string } & Record<string, unknown>>;

  it('keeps the objects of unchanged rows, and takes the new object of a row with any field changed or a new related row', () => {
    const before = page({ id: 'a', title: 'A', done: 0, owner }, { id: 'b', title: 'B', done: 0, owner }, { id: 'c', title: 'C', owner });
    const after = keepingUnchanged(
      before,
      page({ id: 'a', title: 'A', done: 0, owner }, { id: 'b', title: 'B', done: 1, owner }, { id: 'c', title: 'C', owner: { ...owner } }, { id: 'd', title: 'D' }),
    );
    expect(after.rows[0]).toBe(before.rows[0]);
    expect(after.rows.slice(1).map((row) => before.rows.includes(row))).toEqual([false, false, false]);
    expect(after.rows.map((row) => row.title)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('takes a row with a field added or taken away as changed', () => {
    const before = page({ id: 'a', title: 'A' }, { id: 'b', title: 'B', dueDate: '2026-01-01' });
    const after = keepingUnchanged(before, page({ id: 'a', title: 'A', dueDate: '2026-01-01' }, { id: 'b', title: 'B' }));
    expect(after.rows.map((row) => before.rows.includes(row))).toEqual([false, false]);
  });
});
