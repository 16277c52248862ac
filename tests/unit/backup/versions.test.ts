import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { isId } from '../../../src/db/ids';
import { latestVersion, schemaVersions, type SchemaVersion } from '../../../src/db/schema';
import { snapshotsOf } from '../../../src/db/snapshots';
import { BackupError, importBackup, readBackup, type ImportMode } from '../../../src/lib/backup/import';
import { currentAddressOf } from '../../../src/lib/former-addresses';
import { loadSampleData } from '../../../src/lib/sample-data';
import { takeSnapshot, snapshotFile } from '../../../src/lib/snapshots';
import {
  T0,
  backupOf,
  category,
  everything,
  idOf,
  importText,
  movie,
  numbered,
  post,
  refusal,
  textOf,
  todo,
  user,
} from './factories';

const snapshots = snapshotsOf(db.name);

afterEach(async () => {
  await snapshots.snapshots.clear();
});

/** The schema history with one more version that rewrites every to-do, as a future Tend might. */
const withRewrite = (rewrite: (row: Record<string, unknown>) => Record<string, unknown>): SchemaVersion[] => [
  ...schemaVersions,
  { version: schemaVersions.length + 1, description: 'Test: rewrites to-dos', stores: {}, rows: { todos: rewrite } },
];

type OldVersion = 1 | 2 | 3 | 4;
type OldTables = Record<string, Record<string, unknown>[]>;

/**
 * A household as a file made by `version` holds it: numbers for ids and links, keys as that
 * version wrote them (before 4, lower-cased only, no sort keys). Numbers are out of order and
 * shared between tables (user 3, category 3, to-do 3), so only following each link by its own
 * table gives the right row. Version 1 had only users.
 */
function householdAt(version: OldVersion): OldTables {
  const asStored = (row: object) => {
    const old = numbered(row);
    if (version < 4) {
      delete old.usernameSortKey;
      delete old.nameSortKey;
      if (typeof old.title === 'string') old.titleKey = old.title.toLowerCase();
    }
    return old;
  };
  const users = [user(7, 'Bo'), user(3, 'Ann', { email: 'ann@example.com' }), user(12, 'Álvaro')].map(asStored);
  if (version === 1) return { users };
  return {
    users,
    categories: [category(3, 'Garden'), category(1, 'Économie')].map(asStored),
    todos: [
      todo(1, 'Dig', { userId: 3, categoryId: 1 }),
      todo(2, 'Sow', { userId: 7, done: 1, completedAt: T0 }),
      todo(5, 'Rest'),
      todo(3, 'Écrire', { userId: 12, categoryId: 3, dueDate: '2026-03-01' }),
    ].map(asStored),
    posts: [post(4, 'Hello', 3, { authorId: 12 }), post(9, 'Über', 1)].map(asStored),
    movies: [movie(2, 'Up', { year: 2009 }), movie(8, 'Amélie')].map(asStored),
  };
}

/** A file made by `version`, holding exactly `tables` (version 1 had only users). */
function oldFile(tables: OldTables, version: OldVersion): string {
  return textOf({ ...backupOf(), schemaVersion: version, tables });
}

/** Where each of the household's links must lead, by content: the to-do "Dig" belongs to Ann. */
const HOUSEHOLD_LINKS = {
  todos: { Dig: ['Ann', 'Économie'], Sow: ['Bo', undefined], Rest: [undefined, undefined], Écrire: ['Álvaro', 'Garden'] },
  posts: { Hello: ['Garden', 'Álvaro'], Über: ['Économie', undefined] },
};

/** What a row is called: its username, name or title. */
function nameOf(row: Record<string, unknown> | undefined): unknown {
  return row?.username ?? row?.name ?? row?.title;
}

/** Every link of the file's to-dos and posts in Tend, followed to the name of the row it leads to. */
async function linksOf(titles: { todos: string[]; posts: string[] }) {
  const { users, categories, todos, posts } = await everything();
  const name = (rows: { id: string }[], id: string | undefined) => {
    if (id === undefined) return undefined;
    const found = rows.filter((row) => row.id === id);
    expect(found, `a row with id ${id}`).toHaveLength(1);
    return nameOf(found[0] as never);
  };
  const one = <Row extends { title: string }>(rows: Row[], title: string) => {
    const found = rows.filter((row) => row.title === title);
    expect(found, title).toHaveLength(1);
    return found[0]!;
  };
  return {
    todos: Object.fromEntries(
      titles.todos.map((title) => {
        const row = one(todos, title);
        return [title, [name(users, row.userId), name(categories, row.categoryId)]];
      }),
    ),
    posts: Object.fromEntries(
      titles.posts.map((title) => {
        const row = one(posts, title);
        return [title, [name(categories, row.categoryId), name(users, row.authorId)]];
      }),
    ),
  };
}

const TABLES = ['users', 'categories', 'todos', 'posts', 'movies'] as const;

/** Rows per table in Tend now. */
async function counts() {
  return Object.fromEntries(await Promise.all(TABLES.map(async (name) => [name, await db.table(name).count()] as const)));
}

describe('files from older schema versions', () => {
  describe.each<OldVersion>([1, 2, 3, 4])('a schema %i file, numbered as Tend numbered rows then', (version) => {
    const household = householdAt(version);
    const file = oldFile(household, version);
    const fileCounts = Object.fromEntries(TABLES.map((name) => [name, household[name]?.length ?? 0]));
    const titles = { todos: (household.todos ?? []).map(nameOf) as string[], posts: (household.posts ?? []).map(nameOf) as string[] };
    const links = version === 1 ? { todos: {}, posts: {} } : HOUSEHOLD_LINKS;

    it.each<ImportMode>(['replace', 'merge'])('%s: imports every row, each with a new id, and every link leads to the same row as in the file', async (mode) => {
      await loadSampleData();
      const before = await counts();
      const summary = await importText(file, mode);
      expect(summary.added).toEqual(fileCounts);
      const after = await counts();
      for (const name of TABLES) expect(after[name], name).toBe((mode === 'merge' ? before[name]! : 0) + fileCounts[name]!);
      const stored = await everything();
      for (const name of TABLES) {
        const names = stored[name].map((row) => nameOf(row as never));
        for (const row of household[name] ?? []) expect(names, name).toContain(nameOf(row));
        for (const row of stored[name]) expect(isId(row.id), `${name}: ${row.id}`).toBe(true);
      }
      expect(await linksOf(titles)).toEqual(links);
    });

    it('replace: the file’s numbers lead to its rows afterwards, and the device’s old numbers are gone', async () => {
      await loadSampleData();
      const admin = (await db.users.where('usernameKey').equals('admin').first())!;
      await db.formerIds.bulkAdd([
        { table: 'users', formerId: 3, id: admin.id },
        { table: 'movies', formerId: 99, id: admin.id },
      ]);
      await importText(file, 'replace');
      const formerIds = await db.formerIds.toArray();
      expect(formerIds).toHaveLength(Object.values(fileCounts).reduce((sum, count) => sum + count, 0));
      for (const name of TABLES) {
        for (const row of household[name] ?? []) {
          const former = await db.formerIds.get([name, row.id as number]);
          expect(former, `${name} ${String(row.id)}`).toBeDefined();
          expect(nameOf(await db.table(name).get(former!.id)), `${name} ${String(row.id)}`).toBe(nameOf(row));
        }
      }
      const ann = (await db.users.where('usernameKey').equals('ann').first())!;
      expect(await currentAddressOf('/users/3/edit')).toBe(`/users/${ann.id}/edit`);
      expect(await db.formerIds.get(['movies', 99])).toBeUndefined();
    });

    it('merge: the device’s old numbers stay as they were (merged rows get new ids, its own rows keep theirs)', async () => {
      await loadSampleData();
      const admin = (await db.users.where('usernameKey').equals('admin').first())!;
      await db.formerIds.add({ table: 'users', formerId: 3, id: admin.id });
      const before = await db.formerIds.toArray();
      await importText(file, 'merge');
      expect(await db.formerIds.toArray()).toStrictEqual(before);
      expect(await currentAddressOf('/users/3')).toBe(`/users/${admin.id}`);
    });
  });

  describe('a file made before schema 5 that its numbers cannot be rewritten for', () => {
    /** Refused in both modes, naming the row, with Tend (its old numbers included) unchanged. */
    async function refusedWithoutChange(text: string) {
      await loadSampleData();
      await db.formerIds.add({ table: 'users', formerId: 1, id: (await db.users.toCollection().first())!.id });
      const before = { rows: await everything(), formerIds: await db.formerIds.toArray() };
      const messages = [];
      for (const mode of ['replace', 'merge'] as ImportMode[]) {
        messages.push((await refusal(() => importText(text, mode))).message);
        expect({ rows: await everything(), formerIds: await db.formerIds.toArray() }).toStrictEqual(before);
      }
      expect(messages[1]).toBe(messages[0]);
      return messages[0];
    }

    it.each<OldVersion>([1, 2, 3, 4])('schema %i: refuses two rows that share a number', async (version) => {
      const household = householdAt(version);
      const users = [...household.users!, { ...household.users![0]!, username: 'Bo again', usernameKey: 'bo again' }];
      expect(await refusedWithoutChange(oldFile({ ...household, users }, version))).toBe(
        `This file’s rows could not be carried forward from schema ${version}: users: two rows have the id 7`,
      );
    });

    it.each([
      { version: 2, table: 'todos', field: 'userId', row: 2, target: 'users' },
      { version: 3, table: 'todos', field: 'categoryId', row: 4, target: 'categories' },
      { version: 4, table: 'posts', field: 'categoryId', row: 1, target: 'categories' },
      { version: 4, table: 'posts', field: 'authorId', row: 2, target: 'users' },
    ] as const)('schema $version: refuses a $table $field to a number the file does not hold', async ({ version, table, field, row, target }) => {
      // Those numbers named rows on the device that wrote the file: no other device can know which.
      const household = householdAt(version);
      household[table]![row - 1]![field] = 40;
      expect(await refusedWithoutChange(oldFile(household, version))).toBe(
        `This file’s rows could not be carried forward from schema ${version}: ${table}, row ${row}: ${field} 40 names no row of ${target} (it should be one of its ids)`,
      );
    });
  });

  it('imports a schema 3 file (before accent-folded keys), keyed as Tend keys rows now', async () => {
    // As version 3 wrote them: keys lower-cased after composing, no sort keys.
    const tables = {
      users: [{ id: 1, username: 'Álvaro', usernameKey: 'álvaro', createdAt: 1 }],
      categories: [{ id: 1, name: 'Économie', nameKey: 'économie', createdAt: 1 }],
      todos: [{ id: 1, title: 'Écrire', titleKey: 'écrire', done: 0, dueKey: '9999-12-31', createdAt: 1, updatedAt: 1 }],
      posts: [{ id: 1, title: 'Über', titleKey: 'über', body: 'B', pubDate: T0, categoryId: 1 }],
      movies: [{ id: 1, title: 'Amélie', titleKey: 'amélie', yearKey: 0, watched: 0, createdAt: 1 }],
    };
    await importText(textOf(backupOf(tables, { schemaVersion: 3 })));
    const stored = await everything();
    const economie = stored.categories[0]!.id;
    expect(stored).toStrictEqual({
      users: [user(stored.users[0]!.id, 'Álvaro', { createdAt: 1 })],
      categories: [category(economie, 'Économie', 1)],
      todos: [todo(stored.todos[0]!.id, 'Écrire', { createdAt: 1, updatedAt: 1 })],
      posts: [post(stored.posts[0]!.id, 'Über', economie, { body: 'B' })],
      movies: [movie(stored.movies[0]!.id, 'Amélie', { createdAt: 1 })],
    });
    expect(stored.users[0]!.usernameSortKey).toBe('alvaro');
    expect(stored.movies[0]!.titleKey).toBe('amelie');
  });

  it('carries rows through every later version’s rewrite before checking them', async () => {
    const versions = withRewrite((row) => ({ ...row, notes: `${String(row.notes ?? '')} (carried)`.trim() }));
    const todos = [todo(1, 'Dust'), todo(2, 'Sweep', { notes: 'Hall' })].map(numbered);
    const file = textOf(backupOf({ todos }, { schemaVersion: 2 }));
    const parsed = readBackup(file, file.length, versions);
    expect(parsed.tables.todos.map((row) => row.notes)).toEqual(['(carried)', 'Hall (carried)']);
    await importBackup(parsed, 'replace');
    expect((await db.todos.filter((row) => row.title === 'Sweep').first())?.notes).toBe('Hall (carried)');
  });

  it('refuses a forbidden key in an older file’s row before any rewrite reads the row', () => {
    const read: unknown[] = [];
    const versions = withRewrite((row) => {
      read.push(row);
      return row;
    });
    const file = textOf(backupOf({ todos: [numbered(todo(1, 'Dust'))] }, { schemaVersion: 2 })).replace('"title":', '"constructor": {"prototype": 1}, "title":');
    expect(() => readBackup(file, file.length, versions)).toThrow(new BackupError('This file contains a forbidden key (constructor) and was not imported'));
    expect(read).toEqual([]);
  });

  it('checks rows in their carried-forward shape, so a rewrite that breaks a rule is caught', async () => {
    const versions = withRewrite((row) => ({ ...row, title: `${String(row.title)}!` }));
    const file = textOf(backupOf({ todos: [numbered(todo(1, 'x'.repeat(200)))] }, { schemaVersion: 2 }));
    expect(() => readBackup(file, file.length)).not.toThrow();
    expect(() => readBackup(file, file.length, versions)).toThrow(new BackupError('todos, row 1, title: Title must be at most 200 characters'));
  });

  it('does not carry forward a file already at the latest version', async () => {
    const versions = withRewrite((row) => ({ ...row, title: 'rewritten' }));
    const latest = versions[versions.length - 1]!.version;
    const file = textOf(backupOf({ todos: [todo(1, 'Dust')] }, { schemaVersion: latest }));
    expect(readBackup(file, file.length, versions).tables.todos[0]!.title).toBe('Dust');
  });
});

describe('files made since ids became UUIDs', () => {
  it('replace: rows keep their ids, so the device’s old numbers still lead to them', async () => {
    await db.formerIds.bulkAdd([
      { table: 'users', formerId: 3, id: idOf(1) },
      { table: 'movies', formerId: 5, id: idOf(2) },
    ]);
    const before = await db.formerIds.toArray();
    const file = backupOf({ users: [user(1, 'Ann')], todos: [todo(1, 'Dig', { userId: 1 })], movies: [movie(2, 'Up')] });
    await importText(textOf(file), 'replace');
    expect(await db.formerIds.toArray()).toStrictEqual(before);
    expect(await currentAddressOf('/users/3')).toBe(`/users/${idOf(1)}`);
    expect(await currentAddressOf('/movies/5/delete')).toBe(`/movies/${idOf(2)}/delete`);
  });

  it('reads its ids as they are: no re-key', async () => {
    const file = textOf(backupOf({ users: [user(1, 'Ann')], todos: [todo(2, 'Dig', { userId: 1 })] }, { schemaVersion: latestVersion }));
    const parsed = readBackup(file, file.length);
    expect(parsed.tables.todos).toStrictEqual([todo(2, 'Dig', { userId: 1 })]);
    expect(parsed).not.toHaveProperty('formerIds');
  });
});

describe('snapshot files', () => {
  it('imports the file downloaded from the snapshot taken before an upgrade, ignoring its migration history', async () => {
    await loadSampleData();
    const before = await everything();
    db.close();
    const id = await takeSnapshot(db.name, db.verno);
    await db.open();
    const text = await (await snapshotFile(id)).text();
    expect(JSON.parse(text)).toHaveProperty('tables.migrations');

    await db.users.clear();
    await db.movies.clear();
    const parsed = readBackup(text, text.length);
    expect(parsed.kind).toBe('snapshot');
    await importBackup(parsed, 'replace');
    expect(await everything()).toStrictEqual(before);
    expect(await db.migrations.count()).toBeGreaterThan(0);
  });
});
