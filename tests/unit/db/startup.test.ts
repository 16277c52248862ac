import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion, schemaVersions, TendDB, type SchemaVersion } from '../../../src/db/schema';
import { snapshotsOf } from '../../../src/db/snapshots';
import { DatabaseStatus, openDatabase } from '../../../src/lib/database.svelte';

const made: TendDB[] = [];

function tend(name: string, options: ConstructorParameters<typeof TendDB>[1] = {}) {
  const db = new TendDB(name, options);
  made.push(db);
  return db;
}

afterEach(async () => {
  for (const db of made.splice(0)) {
    db.close();
    await db.delete();
    await snapshotsOf(db.name).delete();
  }
});

const users = [
  { id: '00000000-0000-7000-8000-000000000001', username: 'Ann', usernameKey: 'ann', usernameSortKey: 'ann', createdAt: 1 },
  { id: '00000000-0000-7000-8000-000000000002', username: 'Bob', usernameKey: 'bob', usernameSortKey: 'bob', createdAt: 2 },
];

const next: SchemaVersion = {
  version: latestVersion + 1,
  description: 'Renames users',
  stores: {},
  rows: { users: (user) => ({ ...user, username: `${String(user.username)}!` }) },
};

async function makeAt(name: string, versions: readonly SchemaVersion[], fill?: (db: TendDB) => Promise<unknown>) {
  const old = tend(name, { versions });
  await old.open();
  await fill?.(old);
  old.close();
}

describe('opening the database', () => {
  it('opens a new database as ready, with no snapshot', async () => {
    const status = new DatabaseStatus();
    expect(await openDatabase(tend('new-one'), status)).toBe('ready');
    expect(status.snapshotId).toBeUndefined();
  });

  it('takes a snapshot of every table before an upgrade, then upgrades', async () => {
    await makeAt('upgrade', schemaVersions, (db) => db.users.bulkAdd(users));
    const status = new DatabaseStatus();
    const db = tend('upgrade', { versions: [...schemaVersions, next] });
    expect(await openDatabase(db, status)).toBe('ready');
    expect((await db.users.toArray()).map((user) => user.username)).toEqual(['Ann!', 'Bob!']);

    const snapshot = await snapshotsOf('upgrade').snapshots.get(status.snapshotId!);
    expect(snapshot).toMatchObject({ fromVersion: latestVersion, toVersion: next.version, counts: { users: 2 } });
    expect(snapshot?.tables.users).toEqual(users);
  });

  it('keeps the data as it was, and the snapshot, when the upgrade throws', async () => {
    await makeAt('fails', schemaVersions, (db) => db.users.bulkAdd(users));
    const failing: SchemaVersion = {
      ...next,
      rows: {
        users: () => {
          throw new Error('no way');
        },
      },
    };
    const status = new DatabaseStatus();
    expect(await openDatabase(tend('fails', { versions: [...schemaVersions, failing] }), status)).toBe('upgrade-failed');
    expect(String(status.error)).toMatch(/no way/);
    expect((await snapshotsOf('fails').snapshots.get(status.snapshotId!))?.tables.users).toEqual(users);

    const current = tend('fails');
    await current.open();
    expect(current.verno).toBe(latestVersion);
    expect(await current.users.toArray()).toEqual(users);
  });

  it('says which row stopped the re-key from version 4, and keeps version 4 and its snapshot as they were', async () => {
    const numbered = [
      { id: 1, username: 'Ann', usernameKey: 'ann', usernameSortKey: 'ann', createdAt: 1 },
      { id: 2, username: 'Bob', usernameKey: 'bob', usernameSortKey: 'bob', createdAt: 2 },
    ];
    const orphan = { id: 1, title: 'Orphan', titleKey: 'orphan', done: 0, dueKey: '9999-12-31', userId: 7, createdAt: 3, updatedAt: 3 };
    await makeAt('rekey-fails', schemaVersions.slice(0, 4), async (db) => {
      await db.users.bulkAdd(numbered as never);
      await db.todos.add(orphan as never);
    });
    const status = new DatabaseStatus();
    expect(await openDatabase(tend('rekey-fails'), status)).toBe('upgrade-failed');
    expect(String(status.error)).toMatch(/todos, row 1: userId 7 names no row of users/);
    const snapshot = await snapshotsOf('rekey-fails').snapshots.get(status.snapshotId!);
    expect(snapshot).toMatchObject({ fromVersion: 4, toVersion: latestVersion, counts: { users: 2, todos: 1 } });

    const old = tend('rekey-fails', { upTo: 4 });
    await old.open();
    expect(old.verno).toBe(4);
    expect(await old.users.toArray()).toEqual(numbered);
    expect(await old.todos.toArray()).toEqual([orphan]);
  });

  it('writes nothing to a database newer than the code, and says so', async () => {
    await makeAt('newer', [...schemaVersions, next], (db) => db.users.bulkAdd(users));
    const status = new DatabaseStatus();
    const old = tend('newer');
    expect(await openDatabase(old, status)).toBe('newer');
    expect(old.isOpen()).toBe(false);
    await expect(old.users.add({ username: 'Eve', usernameKey: 'eve', createdAt: 3 } as never)).rejects.toThrow();

    const check = tend('newer', { versions: [...schemaVersions, next] });
    await check.open();
    expect(await check.users.toArray()).toEqual(users);
  });
});

describe('a long upgrade', () => {
  it('is announced as updating while rows are being rewritten', async () => {
    await makeAt('slow', schemaVersions, (db) => db.users.bulkAdd(users));
    const status = new DatabaseStatus();
    const phases: string[] = [];
    const watched: SchemaVersion = {
      ...next,
      rows: {
        users: (user) => {
          phases.push(status.phase);
          return user;
        },
      },
    };
    expect(await openDatabase(tend('slow', { versions: [...schemaVersions, watched] }), status)).toBe('ready');
    expect(phases).toEqual(['updating', 'updating']);
  });
});

describe('another tab upgrading', () => {
  it('makes this tab let go of the database and stop writing, with no silent reopen', async () => {
    const status = new DatabaseStatus();
    const oldTab = tend('two-tabs');
    expect(await openDatabase(oldTab, status)).toBe('ready');
    await oldTab.users.bulkAdd(users);

    // The new tab's upgrade is not blocked: the old tab closes its connection.
    const newTab = tend('two-tabs', { versions: [...schemaVersions, next] });
    await newTab.open();
    expect(status.phase).toBe('superseded');
    expect(oldTab.isOpen()).toBe(false);

    await expect(oldTab.users.add({ username: 'Late', usernameKey: 'late', createdAt: 9 } as never)).rejects.toThrow();
    expect(oldTab.isOpen()).toBe(false);
    expect((await newTab.users.toArray()).map((user) => user.username)).toEqual(['Ann!', 'Bob!']);
  });
});
