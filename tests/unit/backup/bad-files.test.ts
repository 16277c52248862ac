import { beforeEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../../../src/db/schema';
import { db } from '../../../src/db/db';
import { MAX_DEPTH } from '../../../src/lib/backup/envelope';
import { BackupError, MAX_BACKUP_BYTES, MAX_ROWS_PER_TABLE, readBackup, type ImportMode } from '../../../src/lib/backup/import';
import { MAX_PROBLEMS } from '../../../src/lib/backup/format';
import { loadSampleData } from '../../../src/lib/sample-data';
import { backupOf, category, everything, idOf, importText, movie, post, refusal, textOf, todo, user } from './factories';

// Every refusal is tried as both a replace and a merge, and Tend must hold exactly what it
// held before: not a row added, changed or removed.
async function refusedWithoutChange(text: string, size = text.length) {
  const before = await everything();
  const errors = [];
  for (const mode of ['replace', 'merge'] as ImportMode[]) {
    errors.push(await refusal(() => importText(text, mode, size)));
    expect(await everything()).toStrictEqual(before);
  }
  expect(errors[1]!.problems).toEqual(errors[0]!.problems);
  return errors[0]!;
}

/** The message for one bad row in an otherwise good file. */
async function messageFor(tables: Parameters<typeof backupOf>[0]) {
  return (await refusedWithoutChange(textOf(backupOf(tables)))).message;
}

beforeEach(async () => {
  await loadSampleData();
});

describe('a file that is not a Tend backup', () => {
  it('refuses text that is not JSON', async () => {
    expect((await refusedWithoutChange('{"app": "Tend", "tables": ')).message).toBe('This file is not a Tend backup: it is not valid JSON');
  });

  it('refuses a valid file nested too deeply in words, not as invalid JSON', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(() => JSON.parse(deep)).not.toThrow();
    for (const text of [deep, textOf(backupOf()).replace('"tables":', `"deep": ${deep}, "tables":`)]) {
      expect((await refusedWithoutChange(text)).message).toBe(
        `This file is nested too deeply to be a Tend backup (more than ${MAX_DEPTH} levels)`,
      );
    }
  });

  it('refuses a file over the size cap before reading it', async () => {
    const error = await refusedWithoutChange(textOf(backupOf()), MAX_BACKUP_BYTES + 5 * 1024 * 1024);
    expect(error.message).toBe('This file is too large to be a Tend backup (105.0 MB; the limit is 100 MB)');
  });

  it('refuses another app’s file, or one of another kind', async () => {
    expect((await refusedWithoutChange(textOf(backupOf({}, { app: 'Tended' })))).message).toBe('This file is not a Tend backup');
    expect((await refusedWithoutChange(textOf([1, 2])))).toHaveProperty('message', 'This file is not a Tend backup');
    expect((await refusedWithoutChange(textOf(backupOf({}, { kind: 'export' })))).message).toMatch(/kind should be "backup" or "snapshot"/);
  });

  it('refuses a file made by a newer Tend, saying to update', async () => {
    const error = await refusedWithoutChange(textOf(backupOf({}, { schemaVersion: latestVersion + 1 })));
    expect(error.message).toBe(`This file was made by a newer version of Tend (schema ${latestVersion + 1}); update Tend to import it`);
  });

  it('refuses a file with no schema version, or an impossible one', async () => {
    for (const schemaVersion of [undefined, 0, 1.5, '3']) {
      const error = await refusedWithoutChange(textOf(backupOf({}, { schemaVersion })));
      expect(error.message).toMatch(/does not say which schema version made it/);
    }
  });

  it('refuses a file without an export time', async () => {
    expect((await refusedWithoutChange(textOf(backupOf({}, { exportedAt: 'last Tuesday' })))).message).toMatch(/when it was exported/);
  });
});

describe('forbidden keys', () => {
  it('refuses __proto__ at the top of the file, and pollutes nothing', async () => {
    const text = textOf(backupOf()).replace('{', '{"__proto__": {"polluted": true},');
    expect((await refusedWithoutChange(text)).message).toBe('This file contains a forbidden key (__proto__) and was not imported');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses __proto__ nested in a row', async () => {
    const text = textOf(backupOf({ movies: [movie(1, 'Up')] })).replace('"title":', '"__proto__": {"isAdmin": true}, "title":');
    expect((await refusedWithoutChange(text)).message).toBe('This file contains a forbidden key (__proto__) and was not imported');
  });

  it('refuses constructor and prototype keys', async () => {
    const withConstructor = textOf(backupOf({ users: [{ ...user(1, 'Ann'), constructor: { prototype: {} } }] }));
    expect((await refusedWithoutChange(withConstructor)).message).toMatch(/forbidden key \((constructor|prototype)\)/);
    const withPrototype = textOf(backupOf({}, { prototype: 1 }));
    expect((await refusedWithoutChange(withPrototype)).message).toBe('This file contains a forbidden key (prototype) and was not imported');
  });

  it('finds a forbidden key or too deep a nesting inside a row’s values, whichever comes first in the file', async () => {
    // A derived key accepts any value (it is recomputed), so only the walk after the parse sees these.
    let deep: unknown = [];
    for (let level = 0; level < MAX_DEPTH; level++) deep = [deep];
    const hidden = { notes: [{ constructor: 1 }] };
    const deeply = `This file is nested too deeply to be a Tend backup (more than ${MAX_DEPTH} levels)`;
    const forbidden = 'This file contains a forbidden key (constructor) and was not imported';
    const rows = (first: unknown, second: unknown) => ({ movies: [{ ...movie(1, 'Up'), titleKey: first }, { ...movie(2, 'Down'), titleKey: second }] });
    expect((await refusedWithoutChange(textOf(backupOf(rows('up', deep))))).message).toBe(deeply);
    expect((await refusedWithoutChange(textOf(backupOf(rows('up', hidden))))).message).toBe(forbidden);
    expect((await refusedWithoutChange(textOf(backupOf(rows(hidden, deep))))).message).toBe(forbidden);
    expect((await refusedWithoutChange(textOf(backupOf(rows(deep, hidden))))).message).toBe(deeply);
  });

  it('accepts those words as values: only keys are refused', async () => {
    await importText(textOf(backupOf({ movies: [movie(1, '__proto__'), movie(2, 'constructor')] })));
  });
});

describe('the tables', () => {
  it('refuses a file without tables', async () => {
    const { tables: _tables, ...file } = backupOf();
    expect((await refusedWithoutChange(textOf(file))).message).toBe('This file’s tables are missing or not lists of rows');
    expect((await refusedWithoutChange(textOf(backupOf({ movies: {} as unknown[] })))).message).toBe(
      'This file’s tables are missing or not lists of rows',
    );
  });

  it('refuses a file missing a table its schema version always has', async () => {
    const file = backupOf();
    delete (file.tables as Partial<typeof file.tables>).movies;
    expect((await refusedWithoutChange(textOf(file))).message).toBe(
      `This file has no movies table, which a schema ${latestVersion} backup always has`,
    );
  });

  it('refuses a table Tend does not know, but ignores the device’s migration history', async () => {
    expect((await refusedWithoutChange(textOf(backupOf({ pets: [] } as never)))).message).toBe(
      'This file has a table Tend does not know: "pets"',
    );
    await importText(textOf(backupOf({ migrations: [{ version: 1 }] } as never)));
  });

  it(`refuses more than ${MAX_ROWS_PER_TABLE.toLocaleString('en')} rows in a table before checking any`, async () => {
    // Not even valid rows: the count alone refuses the file.
    const text = textOf(backupOf({ movies: new Array(MAX_ROWS_PER_TABLE + 1).fill(0) }));
    expect((await refusedWithoutChange(text)).message).toBe(
      'This file has 100,001 rows in movies; Tend imports at most 100,000 rows per table',
    );
  });
});

describe('the rows', () => {
  it('names the table, row and field of a value that breaks a rule', async () => {
    const todos = [todo(1, 'Fine'), todo(2, 'Fine too'), todo(3, 'x'.repeat(201))];
    expect(await messageFor({ todos })).toBe('todos, row 3, title: Title must be at most 200 characters');
  });

  it('refuses a row missing a required field', async () => {
    const { title: _title, ...untitled } = todo(1, 'Gone');
    expect(await messageFor({ todos: [untitled] })).toBe('todos, row 1, title: this field is missing');
  });

  it('refuses a field Tend does not know, so a typo is caught rather than dropped', async () => {
    expect(await messageFor({ movies: [{ ...movie(1, 'Up'), raiting: 5 }] })).toBe(
      'movies, row 1, raiting: Tend has no such field (is its name mistyped?)',
    );
  });

  it('refuses a row that is not an object', async () => {
    expect(await messageFor({ movies: [movie(1, 'Up'), 'Jaws'] })).toBe('movies, row 2: a row must be an object of fields');
    expect(await messageFor({ movies: [null] })).toBe('movies, row 1: a row must be an object of fields');
  });

  it.each([
    { table: 'users', row: user(1, '   '), message: 'users, row 1, username: Username is required' },
    { table: 'users', row: user(1, 'x'.repeat(81)), message: 'users, row 1, username: Username must be at most 80 characters' },
    { table: 'users', row: { ...user(1, 'Ann'), email: 'not-an-email' }, message: 'users, row 1, email: Enter a valid email address, like ann@example.com' },
    { table: 'users', row: { ...user(1, 'Ann'), email: `${'x'.repeat(109)}@example.com` }, message: 'users, row 1, email: Email must be at most 120 characters' },
    { table: 'users', row: { ...user(1, 'Ann'), email: null }, message: 'users, row 1, email: Email must be text' },
    { table: 'users', row: { ...user(1, 'Ann'), createdAt: 'yesterday' }, message: 'users, row 1, createdAt: Created must be a time in milliseconds since 1970' },
    { table: 'users', row: user(1, '\u200B\u3164\u00AD'), message: 'users, row 1, username: Username is required' },
    { table: 'categories', row: category(1, '\u115F\u1160\uFFA0'), message: 'categories, row 1, name: Name is required' },
    { table: 'todos', row: todo(1, '\u2060\uFEFF\u200D'), message: 'todos, row 1, title: Title is required' },
    { table: 'movies', row: movie(1, '\u00AD\u2800'), message: 'movies, row 1, title: Title is required' },
    { table: 'posts', row: post(1, 'A', 1, { pubDate: Date.UTC(999, 11, 31) }), message: 'posts, row 1, pubDate: Publication date must be in the years 1000 to 9999' },
    { table: 'posts', row: post(1, 'A', 1, { pubDate: Date.UTC(10_000, 0, 1) }), message: 'posts, row 1, pubDate: Publication date must be in the years 1000 to 9999' },
    { table: 'categories', row: category(1, 'x'.repeat(51)), message: 'categories, row 1, name: Name must be at most 50 characters' },
    { table: 'todos', row: { ...todo(1, 'A'), done: true }, message: 'todos, row 1, done: Done must be 0 or 1' },
    { table: 'todos', row: todo(1, 'A', { notes: 'x'.repeat(2001) }), message: 'todos, row 1, notes: Notes must be at most 2,000 characters' },
    { table: 'todos', row: todo(1, 'A', { dueDate: '2023-02-29' }), message: 'todos, row 1, dueDate: Due date must be a real date' },
    { table: 'todos', row: todo(1, 'A', { dueDate: '29/02/2024' }), message: 'todos, row 1, dueDate: Due date must be a real date' },
    { table: 'todos', row: todo(1, 'A', { completedAt: 1e20 }), message: 'todos, row 1, completedAt: Completed must be a time in milliseconds since 1970' },
    { table: 'posts', row: post(1, 'x'.repeat(81), 1), message: 'posts, row 1, title: Title must be at most 80 characters' },
    { table: 'posts', row: post(1, 'A', 1, { body: 'x'.repeat(20_001) }), message: 'posts, row 1, body: Body must be at most 20,000 characters' },
    { table: 'posts', row: post(1, 'A', 1, { body: '' }), message: 'posts, row 1, body: Body is required' },
    { table: 'movies', row: movie(1, 'A', { year: 1877 }), message: 'movies, row 1, year: Year must be from 1878 to 2100' },
    { table: 'movies', row: movie(1, 'A', { year: 2101 }), message: 'movies, row 1, year: Year must be from 1878 to 2100' },
    { table: 'movies', row: movie(1, 'A', { year: 1999.5 }), message: 'movies, row 1, year: Year must be a whole number' },
    { table: 'movies', row: movie(1, 'A', { rating: 0 }), message: 'movies, row 1, rating: Rating must be from 1 to 5' },
    { table: 'movies', row: movie(1, 'A', { rating: 6 }), message: 'movies, row 1, rating: Rating must be from 1 to 5' },
    { table: 'movies', row: { ...movie(1, 'A'), watched: 2 }, message: 'movies, row 1, watched: Watched must be 0 or 1' },
    { table: 'movies', row: movie(1, 'x'.repeat(201)), message: 'movies, row 1, title: Title must be at most 200 characters' },
  ] as { table: string; row: unknown; message: string }[])('$message', async ({ table, row, message }) => {
    // A post needs its category in the file, or the reference would be the first problem.
    const categories = table === 'posts' ? [category(1, 'Home')] : [];
    expect(await messageFor({ categories, [table]: [row] })).toBe(message);
  });

  it('lists up to ten problems, every field of a row, the first as the message', async () => {
    const movies = Array.from({ length: 12 }, (_, i) => ({ ...movie(i + 1, ''), watched: 3 }));
    const error = await refusedWithoutChange(textOf(backupOf({ movies })));
    expect(error.problems).toHaveLength(10);
    expect(error.problems.slice(0, 3)).toEqual([
      'movies, row 1, title: Title is required',
      'movies, row 1, watched: Watched must be 0 or 1',
      'movies, row 2, title: Title is required',
    ]);
    expect(error.message).toBe(error.problems[0]);
  });
});

/** What the row checks say of a value that is not an id, after the field's label. */
const NOT_AN_ID = 'must be an id: a UUID in lower case, such as 0195e6a2-7c1b-7d3e-8f4a-2b6c9d0e1f23';

// Not-ids that look close to one: a number (as files made before schema 5 had, but this file
// says it is current, so nothing rewrites it), the same UUID in capitals, and text.
const NOT_IDS: unknown[] = [3, 0, 1.5, '3', '0195E6A2-7C1B-7D3E-8F4A-2B6C9D0E1F23', 'ann', '', `${idOf(3)} `, `{${idOf(3)}}`, null];

describe('ids in a current file', () => {
  it.each(NOT_IDS.map((value) => ({ value })))('refuses $value as a row’s id, naming table, row and field', async ({ value }) => {
    expect(await messageFor({ movies: [movie(1, 'Up'), { ...movie(2, 'Jaws'), id: value }] })).toBe(`movies, row 2, id: Id ${NOT_AN_ID}`);
    expect(await messageFor({ users: [{ ...user(1, 'Ann'), id: value }] })).toBe(`users, row 1, id: Id ${NOT_AN_ID}`);
  });

  it.each(NOT_IDS.map((value) => ({ value })))('refuses $value as a link, naming table, row and field', async ({ value }) => {
    const users = [user(1, 'Ann')];
    const categories = [category(1, 'Home')];
    expect(await messageFor({ users, categories, todos: [todo(1, 'A'), { ...todo(2, 'B', { categoryId: 1 }), userId: value }] })).toBe(
      `todos, row 2, userId: Owner ${NOT_AN_ID}`,
    );
    expect(await messageFor({ users, categories, todos: [{ ...todo(1, 'A', { userId: 1 }), categoryId: value }] })).toBe(
      `todos, row 1, categoryId: Category ${NOT_AN_ID}`,
    );
    expect(await messageFor({ users, categories, posts: [{ ...post(1, 'P', 1), categoryId: value }] })).toBe(
      `posts, row 1, categoryId: Category ${NOT_AN_ID}`,
    );
    expect(await messageFor({ users, categories, posts: [{ ...post(1, 'P', 1), authorId: value }] })).toBe(
      `posts, row 1, authorId: Author ${NOT_AN_ID}`,
    );
  });

  it('keeps ids as the file has them on replace, whatever UUID version made them', async () => {
    // A v4 UUID, as another tool might write: Tend only needs it unique and in lower case.
    const id = '3f2b8c1e-9d4a-4b6f-8e2d-1a7c5b9e0f43';
    await importText(textOf(backupOf({ users: [user(id, 'Ann')], todos: [todo(1, 'A', { userId: id })] })));
    expect(await db.todos.get(idOf(1))).toMatchObject({ userId: id });
  });
});

describe('rows checked together', () => {
  it('refuses two rows with the same id in a table', async () => {
    expect(await messageFor({ movies: [movie(1, 'Up'), movie(2, 'Jaws'), movie(1, 'Heat')] })).toBe(
      `movies, row 3, id: id ${idOf(1)} is also the id of row 1`,
    );
  });

  it('finds a repeated id whether the table’s ids come in order or not', async () => {
    // Tend's files list each table's rows in the order of their ids, and a table is checked
    // for repeats by comparing neighbours until an id is out of that order: every way a
    // repeat can stand against that order is still found, in tables others link to too.
    const repeatOf = (row: number, first: number, id: number) => `movies, row ${row}, id: id ${idOf(id)} is also the id of row ${first}`;
    const titled = (ids: number[]) => ids.map((id, at) => movie(id, `Movie ${at}`));
    expect(await messageFor({ movies: titled([1, 2, 2, 3]) })).toBe(repeatOf(3, 2, 2));
    expect(await messageFor({ movies: titled([2, 1, 3, 1]) })).toBe(repeatOf(4, 2, 1));
    expect(await messageFor({ movies: titled([1, 3, 2, 3]) })).toBe(repeatOf(4, 2, 3));
    expect(await messageFor({ movies: titled([1, 2, 3, 1]) })).toBe(repeatOf(4, 1, 1));
    expect(await messageFor({ users: [user(1, 'Ann'), user(2, 'Bob'), user(2, 'Cy')] })).toBe(
      `users, row 3, id: id ${idOf(2)} is also the id of row 2`,
    );
    expect(await messageFor({ users: [user(2, 'Ann'), user(1, 'Bob'), user(2, 'Cy')] })).toBe(
      `users, row 3, id: id ${idOf(2)} is also the id of row 1`,
    );
  });

  it('names the first ten repeated ids of a large file, each with the row that had it first', () => {
    // Every id twice, the repeats in the second half: each first row is far back.
    const half = Array.from({ length: MAX_ROWS_PER_TABLE / 2 }, (_, i) => todo(i + 1, `To-do ${i}`));
    const text = textOf(backupOf({ todos: [...half, ...half] }));
    let error: unknown;
    try {
      readBackup(text, text.length);
    } catch (thrown) {
      error = thrown;
    }
    if (!(error instanceof BackupError)) throw new Error('the file was not refused');
    expect(error.problems).toHaveLength(MAX_PROBLEMS);
    expect(error.problems[0]).toBe(`todos, row ${half.length + 1}, id: id ${idOf(1)} is also the id of row 1`);
    expect(error.problems[9]).toBe(`todos, row ${half.length + 10}, id: id ${idOf(10)} is also the id of row 10`);
  });

  it('refuses a username, email or category name twice in another case', async () => {
    expect(await messageFor({ users: [user(1, 'Ann'), user(2, 'ANN')] })).toBe(
      'users, row 2, username: "ANN" is also the username of row 1 (compared ignoring case)',
    );
    expect(await messageFor({ users: [user(1, 'Ann', { email: 'a@x.org' }), user(2, 'Bo', { email: 'A@X.org' })] })).toBe(
      'users, row 2, email: "A@X.org" is also the email of row 1 (compared ignoring case)',
    );
    expect(await messageFor({ categories: [category(1, 'Garden'), category(2, 'gARDEN')] })).toBe(
      'categories, row 2, name: "gARDEN" is also the name of row 1 (compared ignoring case)',
    );
  });

  it('compares names as they are stored: trimmed, and the same letters however they were composed', async () => {
    expect(await messageFor({ users: [user(1, 'Zoë'), user(2, ' zoe\u0308 ')] })).toMatch(/^users, row 2, username: /);
    // Lower-cased, "W\u030A" is "w\u030A", which composes to "ẘ".
    expect(await messageFor({ users: [user(1, 'W\u030Aill'), user(2, 'ẘill')] })).toMatch(/^users, row 2, username: /);
    expect(await messageFor({ categories: [category(1, 'W\u030Aall'), category(2, 'ẘall')] })).toMatch(/^categories, row 2, name: /);
  });

  it('keeps names that differ by an accent apart: "Ann" and "Änn" are two people', async () => {
    await importText(textOf(backupOf({ users: [user(1, 'Ann'), user(2, 'Änn')] })));
    expect(await db.users.count()).toBe(2);
  });

  it('refuses, on replace, a reference to a row the file does not hold', async () => {
    const file = textOf(backupOf({ users: [user(1, 'Ann')], todos: [todo(1, 'A', { userId: 1 }), todo(2, 'B', { userId: 99 })] }));
    const before = await everything();
    const error = await refusal(() => importText(file, 'replace'));
    expect(error.message).toBe(`todos, row 2, userId: there is no user with id ${idOf(99)} in this file`);
    expect(await everything()).toStrictEqual(before);
  });

  it('lists references to rows the file does not hold link by link, each in row order', async () => {
    const todos = [todo(1, 'A', { userId: 98, categoryId: 97 }), todo(2, 'B', { userId: 99, categoryId: 96 })];
    const error = await refusal(() => importText(textOf(backupOf({ todos })), 'replace'));
    expect(error.problems).toEqual([
      `todos, row 1, userId: there is no user with id ${idOf(98)} in this file`,
      `todos, row 2, userId: there is no user with id ${idOf(99)} in this file`,
      `todos, row 1, categoryId: there is no category with id ${idOf(97)} in this file`,
      `todos, row 2, categoryId: there is no category with id ${idOf(96)} in this file`,
    ]);
  });

  it('refuses, on merge, a reference to a row neither the file nor Tend holds', async () => {
    const before = await everything();
    const file = textOf(backupOf({ posts: [post(1, 'Lost', 99, { authorId: before.users[0]!.id })] }));
    const error = await refusal(() => importText(file, 'merge'));
    // The author is in Tend already; category 99 is nowhere.
    expect(error.problems).toEqual([`posts, row 1, categoryId: there is no category with id ${idOf(99)} in this file or in Tend`]);
    expect(await everything()).toStrictEqual(before);
  });
});
