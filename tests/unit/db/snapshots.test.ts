import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { snapshotsOf } from '../../../src/db/snapshots';
import { loadSampleData } from '../../../src/lib/sample-data';
import { latestSnapshot, restoreSnapshot, snapshotFile, takeSnapshot } from '../../../src/lib/snapshots';
import { createUser } from '../../../src/lib/users/mutations';
import { storedUser } from '../../../src/lib/stored-rows';
import { everyRow } from '../support';

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

    await restoreSnapshot(id);
    expect(await everyRow()).toEqual(before);
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
    // As version 1 stored it: no sort key yet.
    const users = [{ id: 5, username: 'Álvaro', usernameKey: 'álvaro', createdAt: 1 }];
    const id = await snapshots.snapshots.add({ takenAt: 1, fromVersion: 1, toVersion: 2, counts: { users: 1 }, tables: { users } });
    await loadSampleData();
    await restoreSnapshot(id);
    expect(await everyRow()).toEqual({
      users: [storedUser({ id: 5, username: 'Álvaro', createdAt: 1 })],
      todos: [],
      categories: [],
      posts: [],
      movies: [],
    });
    expect((await db.users.get(5))?.usernameSortKey).toBe('alvaro');
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
