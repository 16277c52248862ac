import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { countOf, pageOf, type Ordering, type Page } from '../../src/lib/paging';
import type { Movie } from '../../src/db/models';

/** Movies titled m00…m24, alternately watched, with ids 1…25. */
async function seedMovies(count = 25) {
  const rows = Array.from({ length: count }, (_, i) => {
    const title = `m${String(i).padStart(2, '0')}`;
    return { title, titleKey: title, yearKey: 0, watched: (i % 2) as 0 | 1, createdAt: i };
  });
  await db.movies.bulkAdd(rows as Movie[]);
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
