import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { backupBlob, backupFileName, exportEverything } from '../../../src/lib/backup/export';
import { MAX_ROWS_PER_TABLE, importBackup, readBackup } from '../../../src/lib/backup/import';
import { BODY_MAX, TITLE_MAX as POST_TITLE_MAX } from '../../../src/lib/posts/stored';
import { EMAIL_MAX, USERNAME_MAX } from '../../../src/lib/users/stored';
import { CATEGORY_NAME_MAX } from '../../../src/lib/categories/stored';
import { NOTES_MAX, TITLE_MAX } from '../../../src/lib/todos/stored';
import { YEAR_MAX, YEAR_MIN } from '../../../src/lib/movies/stored';
import { backupOf, category, clearEverything, everything, idOf, importText, movie, post, seed, T0, textOf, todo, user } from './factories';

// Text that tends to break things: emoji with joiners and skin tones, right-to-left scripts,
// combining marks (not normalised: stored as typed), and characters outside the BMP.
const FAMILY = '👩‍👩‍👧‍👦';
const HEBREW = 'שלום עולם';
const ARABIC = 'مرحبا بالعالم';
const COMBINING = 'Zoe\u0308 Cafe\u0301';
const MIXED = `${FAMILY} ${HEBREW} ${ARABIC} ${COMBINING} 𝄞 漢字 👍🏽`;

/** `count` characters (UTF-16 units, as the limits count them), made of `unit` repeated. */
function exactly(count: number, unit = 'a'): string {
  return unit.repeat(Math.ceil(count / unit.length)).slice(0, count);
}

/** Rows at every edge of every rule, and every optional field both present and absent. */
function edgeCases() {
  const longEmail = `${exactly(EMAIL_MAX - '@example.com'.length, 'x')}@example.com`;
  return {
    users: [
      user(1, exactly(USERNAME_MAX, 'é'), { email: longEmail }),
      user(2, 'A'),
      user(3, `Ann ${FAMILY}`, { email: 'Ann@Example.com', createdAt: 0 }),
      user(4, HEBREW, { email: 'hebrew@example.com' }),
      user(70_000, COMBINING),
    ],
    categories: [category(1, exactly(CATEGORY_NAME_MAX, 'ß')), category(2, 'G'), category(9, ARABIC)],
    todos: [
      todo(1, exactly(TITLE_MAX, 'ü'), { notes: exactly(NOTES_MAX, MIXED), dueDate: '2024-02-29', userId: 1, categoryId: 1 }),
      todo(2, 'x'),
      todo(3, MIXED, { done: 1, completedAt: T0 + 1, updatedAt: T0 + 1, userId: 70_000 }),
      todo(4, 'Far future', { dueDate: '9999-12-30', categoryId: 9 }),
      todo(5, 'Long ago', { dueDate: '0001-01-01', createdAt: -1, updatedAt: 0 }),
    ],
    posts: [
      post(1, exactly(POST_TITLE_MAX, '字'), 1, { body: exactly(BODY_MAX, `${MIXED}\n`), authorId: 3 }),
      post(2, 'P', 2, { body: 'b', pubDate: 0 }),
      post(3, HEBREW, 9, { body: `${ARABIC}\r\n${HEBREW}`, authorId: 70_000 }),
    ],
    movies: [
      movie(1, exactly(200, '🎬'), { year: YEAR_MIN, rating: 1, watched: 1, notes: exactly(2000, MIXED) }),
      movie(2, 'M', { year: YEAR_MAX, rating: 5 }),
      movie(3, COMBINING),
      movie(123_456, FAMILY, { notes: 'n' }),
    ],
  };
}

describe('export, clear, import', () => {
  it('gives back every table exactly — same ids, unicode, the longest texts and every edge of every rule', async () => {
    await seed(edgeCases());
    const before = await everything();

    const blob = backupBlob(await exportEverything());
    await clearEverything();
    const summary = await importBackup(readBackup(await blob.text(), blob.size), 'replace');

    expect(await everything()).toStrictEqual(before);
    expect(summary.added).toEqual({ users: 5, categories: 3, todos: 5, posts: 3, movies: 4 });
    expect(before.posts[0]!.body).toHaveLength(BODY_MAX);
  });

  it('writes a file that exports the same again, so a backup of a restored backup is the same data', async () => {
    await seed(edgeCases());
    const first = await exportEverything();
    await clearEverything();
    await importText(textOf(first));
    expect((await exportEverything()).tables).toStrictEqual(first.tables);
  });

  it('replaces everything: rows Tend had that the file lacks are gone', async () => {
    await seed({ users: [user(1, 'Old')], movies: [movie(7, 'Old movie')] });
    await importText(textOf(backupOf({ users: [user(2, 'New')] })));
    expect(await everything()).toStrictEqual({ users: [user(2, 'New')], categories: [], todos: [], posts: [], movies: [] });
  });

  it('round-trips an empty Tend to an empty Tend', async () => {
    const file = await exportEverything();
    await importText(textOf(file));
    expect(await everything()).toStrictEqual({ users: [], categories: [], todos: [], posts: [], movies: [] });
  });

  it(`holds the most rows Tend imports in a table (${MAX_ROWS_PER_TABLE.toLocaleString('en')} movies)`, async () => {
    const movies = Array.from({ length: MAX_ROWS_PER_TABLE }, (_, i) =>
      movie(i + 1, `Movie ${i} ${i % 7 === 0 ? FAMILY : ''}`.trim(), { year: YEAR_MIN + (i % 200), watched: (i % 2) as 0 | 1 }),
    );
    await seed({ movies });
    const blob = backupBlob(await exportEverything());
    await clearEverything();
    await importBackup(readBackup(await blob.text(), blob.size), 'replace');
    const after = await db.movies.toArray();
    expect(after).toHaveLength(MAX_ROWS_PER_TABLE);
    expect(after).toStrictEqual(movies);
  }, 60_000);
});

describe('the backup file', () => {
  it('names the app, its kind, the schema version and when it was made, and holds the five data tables', async () => {
    await seed({ users: [user(1, 'Ann')] });
    const before = Date.now();
    const file = await exportEverything();
    expect(file).toMatchObject({ app: 'Tend', kind: 'backup', schemaVersion: db.verno });
    expect(Date.parse(file.exportedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(file.exportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // The migration history describes this device, not the household.
    expect(Object.keys(file.tables).sort()).toEqual(['categories', 'movies', 'posts', 'todos', 'users']);
    expect(backupBlob(file).type).toBe('application/json');
  });

  it('is named after the local day it was made', () => {
    expect(backupFileName(new Date(2025, 2, 4, 23, 59))).toBe('tend-backup-2025-03-04.json');
  });
});

describe('rows as stored', () => {
  it('recomputes derived keys instead of trusting the file, so a hand edit cannot break order or uniqueness', async () => {
    const file = backupOf({
      users: [{ ...user(1, 'Ann', { email: 'ANN@x.org' }), usernameKey: 'zzz', emailKey: 'nobody' }],
      categories: [{ ...category(1, 'Garden'), nameKey: 'other' }],
      todos: [{ ...todo(1, 'Dig', { dueDate: '2024-05-01' }), titleKey: 'aaa', dueKey: '0000-00-00' }],
      posts: [{ ...post(1, 'Hi', 1), titleKey: '' }],
      movies: [{ ...movie(1, 'Up', { year: 2009 }), titleKey: 5, yearKey: 1 }],
    });
    await importText(textOf(file));
    const stored = await everything();
    expect(stored.users[0]).toMatchObject({ usernameKey: 'ann', emailKey: 'ann@x.org' });
    expect(stored.categories[0]!.nameKey).toBe('garden');
    expect(stored.todos[0]).toMatchObject({ titleKey: 'dig', dueKey: '2024-05-01' });
    expect(stored.posts[0]!.titleKey).toBe('hi');
    expect(stored.movies[0]).toMatchObject({ titleKey: 'up', yearKey: 2009 });
  });

  it('fills in derived keys a file leaves out, and sorts undated and yearless rows last', async () => {
    const { titleKey: _t, dueKey: _d, ...bareTodo } = todo(1, 'Undated');
    const { titleKey: _m, yearKey: _y, ...bareMovie } = movie(1, 'Yearless');
    await importText(textOf(backupOf({ todos: [bareTodo], movies: [bareMovie] })));
    expect(await db.todos.get(idOf(1))).toMatchObject({ titleKey: 'undated', dueKey: '9999-12-31' });
    expect(await db.movies.get(idOf(1))).toMatchObject({ titleKey: 'yearless', yearKey: 0 });
  });

  it('trims text as the forms do, and stores an empty optional text as absent', async () => {
    const file = backupOf({
      users: [{ ...user(1, '  Ann  '), email: '' }],
      movies: [{ ...movie(1, ' Up '), notes: '   ' }],
    });
    await importText(textOf(file));
    expect(await db.users.get(idOf(1))).toStrictEqual(user(1, 'Ann'));
    expect(await db.movies.get(idOf(1))).toStrictEqual(movie(1, 'Up'));
  });
});
