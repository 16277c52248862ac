import { describe, expect, it } from 'vitest';
import { TendDB } from '../../../src/db/schema';

/** Makes a database with an old schema, lets `fill` write rows in it, and closes it. */
async function databaseAt(version: number, name: string, fill: (db: TendDB) => Promise<void>) {
  const old = new TendDB(name, { upTo: version });
  await old.open();
  expect(old.verno).toBe(version);
  await fill(old);
  old.close();
}

describe('upgrading from version 1', () => {
  it('keeps every user, unchanged, and adds the empty new tables', async () => {
    const name = 'upgrade-from-1';
    const users = [
      { id: 1, username: 'Ann', usernameKey: 'ann', email: 'ann@example.com', emailKey: 'ann@example.com', createdAt: 1 },
      { id: 2, username: 'bob', usernameKey: 'bob', createdAt: 2 },
      { id: 7, username: 'Zoë 🌿', usernameKey: 'zoë 🌿', createdAt: 3 },
    ];
    await databaseAt(1, name, async (db) => {
      await db.users.bulkAdd(users);
    });

    const current = new TendDB(name);
    await current.open();
    expect(current.verno).toBe(2);
    expect(await current.users.toArray()).toEqual(users);
    // The unique indexes still hold after the upgrade.
    await expect(current.users.add({ username: 'ANN', usernameKey: 'ann', createdAt: 4 } as never)).rejects.toThrow();
    for (const table of [current.todos, current.categories, current.posts, current.movies]) {
      expect(await table.count()).toBe(0);
    }
    current.close();
    await current.delete();
  });
});

describe('compound indexes that end in the id', () => {
  it('index rows by their auto-incremented id', async () => {
    const db = new TendDB('compound-id');
    await db.open();
    const first = await db.movies.add({ title: 'B', titleKey: 'b', yearKey: 0, watched: 0, createdAt: 0 } as never);
    const second = await db.movies.add({ title: 'A', titleKey: 'a', yearKey: 0, watched: 0, createdAt: 0 } as never);
    const keys = await db.movies.orderBy('[titleKey+id]').keys();
    expect(keys).toEqual([
      ['a', second],
      ['b', first],
    ]);
    db.close();
    await db.delete();
  });
});
