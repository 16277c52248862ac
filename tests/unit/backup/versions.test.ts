import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { schemaVersions, type SchemaVersion } from '../../../src/db/schema';
import { snapshotsOf } from '../../../src/db/snapshots';
import { BackupError, importBackup, readBackup } from '../../../src/lib/backup/import';
import { loadSampleData } from '../../../src/lib/sample-data';
import { takeSnapshot, snapshotFile } from '../../../src/lib/snapshots';
import { T0, backupOf, category, everything, importText, movie, post, textOf, todo, user } from './factories';

const snapshots = snapshotsOf(db.name);

afterEach(async () => {
  await snapshots.snapshots.clear();
});

/** The schema history with one more version that rewrites every to-do, as a future Tend might. */
const withRewrite = (rewrite: (row: Record<string, unknown>) => Record<string, unknown>): SchemaVersion[] => [
  ...schemaVersions,
  { version: schemaVersions.length + 1, description: 'Test: rewrites to-dos', stores: {}, rows: { todos: rewrite } },
];

describe('files from older schema versions', () => {
  it('imports a schema 1 file, which has only users, leaving every later table empty', async () => {
    await loadSampleData();
    const users = [user(4, 'Ann', { email: 'ann@example.com' }), user(9, 'Bo')];
    await importText(textOf({ ...backupOf(), schemaVersion: 1, tables: { users } }));
    expect(await everything()).toStrictEqual({ users, categories: [], todos: [], posts: [], movies: [] });
  });

  it('merges a schema 1 file into what Tend has', async () => {
    await loadSampleData();
    const file = { ...backupOf(), schemaVersion: 1, tables: { users: [user(1, 'Ann')] } };
    const summary = await importText(textOf(file), 'merge');
    expect(summary.added.users).toBe(1);
    expect(await db.users.count()).toBe(3);
  });

  it('imports a schema 2 file (before the migration history existed)', async () => {
    const tables = {
      users: [user(1, 'Ann')],
      categories: [category(1, 'Home')],
      todos: [todo(1, 'Dust', { userId: 1, categoryId: 1 })],
      posts: [post(1, 'Hello', 1, { authorId: 1 })],
      movies: [movie(1, 'Up', { year: 2009 })],
    };
    await importText(textOf(backupOf(tables, { schemaVersion: 2 })));
    expect(await everything()).toStrictEqual(tables);
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
    expect(await everything()).toStrictEqual({
      users: [user(1, 'Álvaro', { createdAt: 1 })],
      categories: [category(1, 'Économie', 1)],
      todos: [todo(1, 'Écrire', { createdAt: 1, updatedAt: 1 })],
      posts: [post(1, 'Über', 1, { body: 'B' })],
      movies: [movie(1, 'Amélie', { createdAt: 1 })],
    });
    expect((await db.users.get(1))?.usernameSortKey).toBe('alvaro');
    expect((await db.movies.get(1))?.titleKey).toBe('amelie');
  });

  it('carries rows through every later version’s rewrite before checking them', async () => {
    const versions = withRewrite((row) => ({ ...row, notes: `${String(row.notes ?? '')} (carried)`.trim() }));
    const file = textOf(backupOf({ todos: [todo(1, 'Dust'), todo(2, 'Sweep', { notes: 'Hall' })] }, { schemaVersion: 2 }));
    const parsed = readBackup(file, file.length, versions);
    expect(parsed.tables.todos.map((row) => row.notes)).toEqual(['(carried)', 'Hall (carried)']);
    await importBackup(parsed, 'replace');
    expect((await db.todos.get(2))?.notes).toBe('Hall (carried)');
  });

  it('checks rows in their carried-forward shape, so a rewrite that breaks a rule is caught', async () => {
    const versions = withRewrite((row) => ({ ...row, title: `${String(row.title)}!` }));
    const file = textOf(backupOf({ todos: [todo(1, 'x'.repeat(200))] }, { schemaVersion: 2 }));
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
