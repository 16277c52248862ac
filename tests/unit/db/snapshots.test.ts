import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { snapshotsOf } from '../../../src/db/snapshots';
import { loadSampleData } from '../../../src/lib/sample-data';
import { latestSnapshot, restoreSnapshot, snapshotFile, takeSnapshot } from '../../../src/lib/snapshots';
import { createUser } from '../../../src/lib/users/mutations';
import { storedUser } from '../../../src/lib/stored-rows';
import { dataTables } from '../../../src/db/db';
import { isId } from '../../../src/db/ids';
import { latestVersion, TendDB } from '../../../src/db/schema';
import { everyRow } from '../support';

/** What a row is called: its username, name or title. */
function nameOf(row: Record<string, unknown> | undefined): unknown {
  return row?.username ?? row?.name ?? row?.title;
}

const snapshots = snapshotsOf(db.name);

afterEach(async () => {
  await snapshots.snapshots.clear();
});


describe('snapshots', () => {
  it('restores exactly the data it was taken from, whatever happened since', async () => {
    await loadSampleData();
    const before = await everyRow();
    db.close();
    const id = await takeSnapshot(db.name, db.verno);
    await db.open();

    await createUser({ username: 'Newcomer', email: '' });
    await db.posts.clear();
    await db.todos.toCollection().modify({ done: 1 });

    // Taken since ids became UUIDs: its rows keep their ids, so the device's old numbers stay.
    const admin = (await db.users.where('usernameKey').equals('admin').first())!;
    await db.formerIds.add({ table: 'users', formerId: 1, id: admin.id });

    await restoreSnapshot(id);
    expect(await everyRow()).toEqual(before);
    expect(await db.formerIds.toArray()).toEqual([{ table: 'users', formerId: 1, id: admin.id }]);
  });

  it('keeps only the snapshot taken before the last upgrade, and describes it without its rows', async () => {
    await loadSampleData();
    await takeSnapshot(db.name, db.verno);
    const id = await takeSnapshot(db.name, db.verno);
    expect(await snapshots.snapshots.count()).toBe(1);
    const summary = await latestSnapshot();
    expect(summary).toMatchObject({ id, fromVersion: db.verno, counts: { users: 2, posts: 2, categories: 1, movies: 2 } });
    expect(summary).not.toHaveProperty('tables');
  });

  it('carries a snapshot from an older version forward into the current schema', async () => {
    // As version 1 stored it: no sort key yet, a number for its id.
    const users = [{ id: 5, username: 'Álvaro', usernameKey: 'álvaro', createdAt: 1 }];
    const id = await snapshots.snapshots.add({ takenAt: 1, fromVersion: 1, toVersion: 2, counts: { users: 1 }, tables: { users } });
    await loadSampleData();
    await restoreSnapshot(id);
    const restored = (await db.users.toArray())[0]!;
    expect(await everyRow()).toEqual({
      users: [storedUser({ id: restored.id, username: 'Álvaro', createdAt: 1 })],
      todos: [],
      categories: [],
      posts: [],
      movies: [],
    });
    expect(isId(restored.id)).toBe(true);
    expect(restored.usernameSortKey).toBe('alvaro');
    expect(await db.formerIds.toArray()).toEqual([{ table: 'users', formerId: 5, id: restored.id }]);
  });

  describe.each([4, 2])('a snapshot taken from a version %i database, before its upgrade', (version) => {
    // Numbers out of order and shared between tables, so each link must follow its own table.
    const old = {
      users: [
        { id: 7, username: 'Bo', usernameKey: 'bo', usernameSortKey: 'bo', createdAt: 1 },
        { id: 3, username: 'Ann', usernameKey: 'ann', usernameSortKey: 'ann', email: 'ann@example.com', emailKey: 'ann@example.com', createdAt: 2 },
      ],
      categories: [
        { id: 3, name: 'Garden', nameKey: 'garden', nameSortKey: 'garden', createdAt: 1 },
        { id: 1, name: 'Économie', nameKey: 'économie', nameSortKey: 'economie', createdAt: 2 },
      ],
      todos: [
        { id: 3, title: 'Dig', titleKey: 'dig', done: 0, dueKey: '9999-12-31', userId: 3, categoryId: 1, createdAt: 1, updatedAt: 1 },
        { id: 1, title: 'Sow', titleKey: 'sow', done: 0, dueKey: '9999-12-31', userId: 7, createdAt: 2, updatedAt: 2 },
        { id: 2, title: 'Rest', titleKey: 'rest', done: 0, dueKey: '9999-12-31', categoryId: 3, createdAt: 3, updatedAt: 3 },
      ],
      posts: [
        { id: 1, title: 'Hello', titleKey: 'hello', body: 'B', pubDate: Date.UTC(2024, 0, 1), categoryId: 3, authorId: 7 },
        { id: 4, title: 'Über', titleKey: 'über', body: 'B', pubDate: Date.UTC(2024, 0, 2), categoryId: 1 },
      ],
      movies: [{ id: 6, title: 'Up', titleKey: 'up', year: 2009, yearKey: 2009, watched: 0, createdAt: 1 }],
    };
    const stored = (rows: Record<string, unknown>[]) =>
      version < 4 ? rows.map(({ usernameSortKey: _u, nameSortKey: _n, ...row }) => row) : rows;

    /** Makes the database version `version` made, with `old` in it, snapshots it, and upgrades it as Tend would. */
    async function snapshotThenUpgrade() {
      db.close();
      await db.delete();
      const before = new TendDB(db.name, { upTo: version });
      await before.open();
      for (const [name, rows] of Object.entries(old)) await before.table(name).bulkAdd(stored(rows));
      before.close();
      const id = await takeSnapshot(db.name, latestVersion);
      await db.open();
      return id;
    }

    it('restores every row and link into the current schema, and old addresses lead to the restored rows', async () => {
      const id = await snapshotThenUpgrade();
      expect((await latestSnapshot())?.fromVersion).toBe(version);
      const upgraded = await db.formerIds.toArray();
      // What happened since: the upgraded rows deleted, others added.
      await db.transaction('rw', dataTables(), async () => {
        for (const table of dataTables()) await table.clear();
      });
      await createUser({ username: 'Newcomer', email: '' });

      await restoreSnapshot(id);
      const rows = (await everyRow()) as Record<string, Record<string, unknown>[]>;
      for (const [name, list] of Object.entries(old)) {
        // In the order of their old numbers, as the upgrade gave them ids.
        const inOrder = [...list].sort((a, b) => a.id - b.id);
        expect(rows[name]!.map(nameOf), name).toEqual(inOrder.map(nameOf));
        for (const row of rows[name]!) expect(isId(row.id), `${name}: ${String(row.id)}`).toBe(true);
      }
      const named = (table: string, id: unknown) => nameOf(rows[table]!.find((row) => row.id === id));
      const links = (table: 'todos' | 'posts', fields: [string, string][]) =>
        Object.fromEntries(rows[table]!.map((row) => [row.title, fields.map(([field, target]) => named(target, row[field]))]));
      expect(links('todos', [['userId', 'users'], ['categoryId', 'categories']])).toEqual({
        Dig: ['Ann', 'Économie'],
        Sow: ['Bo', undefined],
        Rest: [undefined, 'Garden'],
      });
      expect(links('posts', [['categoryId', 'categories'], ['authorId', 'users']])).toEqual({
        Hello: ['Garden', 'Bo'],
        Über: ['Économie', undefined],
      });

      // Every old number now names the restored row that had it: none of the upgrade's ids is left.
      const formerIds = await db.formerIds.toArray();
      expect(formerIds).toHaveLength(upgraded.length);
      for (const [name, list] of Object.entries(old)) {
        for (const row of list) {
          const former = await db.formerIds.get([name, row.id]);
          expect(named(name, former?.id), `${name} ${row.id}`).toBe(nameOf(row));
        }
      }
      expect(formerIds.filter((former) => upgraded.some((each) => each.id === former.id))).toEqual([]);
    });
  });

  it('refuses, in words and changing nothing, a snapshot whose rows break a rule', async () => {
    const users = [{ id: 5, username: '\u200B', usernameKey: '\u200B', createdAt: 1 }];
    const id = await snapshots.snapshots.add({ takenAt: 1, fromVersion: 1, toVersion: 2, counts: { users: 1 }, tables: { users } });
    await loadSampleData();
    const before = await everyRow();
    await expect(restoreSnapshot(id)).rejects.toThrow('users, row 1, username: Username is required');
    expect(await everyRow()).toEqual(before);
  });

  it('downloads as a backup file that says which version made it', async () => {
    await loadSampleData();
    const id = await takeSnapshot(db.name, db.verno);
    const file = JSON.parse(await (await snapshotFile(id)).text()) as { app: string; schemaVersion: number; tables: Record<string, unknown[]> };
    expect(file).toMatchObject({ app: 'Tend', schemaVersion: db.verno });
    expect(file.tables.users).toHaveLength(2);
  });

  it('changes nothing when a restore fails partway', async () => {
    await loadSampleData();
    const id = await takeSnapshot(db.name, db.verno);
    await createUser({ username: 'Kept', email: '' });
    const before = await everyRow();
    const stop = () => {
      throw new Error('disk on fire');
    };
    db.movies.hook('creating', stop);
    try {
      await expect(restoreSnapshot(id)).rejects.toThrow();
    } finally {
      db.movies.hook('creating').unsubscribe(stop);
    }
    expect(await everyRow()).toEqual(before);
  });
});
