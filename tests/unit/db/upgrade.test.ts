import { afterEach, describe, expect, it } from 'vitest';
import { bringForward, latestVersion, schemaVersions, TendDB, type SchemaVersion } from '../../../src/db/schema';

const opened: TendDB[] = [];

/** Makes a database with the schema of `version` and lets `fill` write rows in it. */
async function databaseAt(version: number, name: string, fill: (db: TendDB) => Promise<unknown>) {
  const old = new TendDB(name, { upTo: version });
  await old.open();
  expect(old.verno).toBe(version);
  await fill(old);
  old.close();
}

async function openCurrent(name: string, versions?: readonly SchemaVersion[]) {
  const db = new TendDB(name, versions ? { versions } : {});
  opened.push(db);
  await db.open();
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const users = [
  { id: 1, username: 'Ann', usernameKey: 'ann', email: 'ann@example.com', emailKey: 'ann@example.com', createdAt: 1 },
  { id: 2, username: 'bob', usernameKey: 'bob', createdAt: 2 },
  { id: 7, username: 'Zoë 🌿 <b>', usernameKey: 'zoë 🌿 <b>', createdAt: 3 },
];
const categories = [{ id: 3, name: 'Garden', nameKey: 'garden', createdAt: 4 }];
const todos = [
  { id: 1, title: 'Dig', titleKey: 'dig', done: 0, dueKey: '9999-12-31', createdAt: 5, updatedAt: 5 },
  { id: 2, title: 'Sow', titleKey: 'sow', done: 1, dueDate: '2026-03-01', dueKey: '2026-03-01', userId: 2, categoryId: 3, notes: 'x'.repeat(2000), createdAt: 6, updatedAt: 7, completedAt: 7 },
];
const posts = [{ id: 9, title: 'Hello', titleKey: 'hello', body: 'Ünïcødé ✓', pubDate: 8, categoryId: 3, authorId: 1 }];
const movies = [
  { id: 4, title: 'Ghostbusters', titleKey: 'ghostbusters', year: 1984, yearKey: 1984, watched: 1, rating: 5, createdAt: 9 },
  { id: 5, title: 'Unknown', titleKey: 'unknown', yearKey: 0, watched: 0, createdAt: 10 },
];

describe('every earlier version opens in the current code with every row intact', () => {
  it('from version 1: every user survives unchanged', async () => {
    await databaseAt(1, 'from-1', (db) => db.users.bulkAdd(users));
    const db = await openCurrent('from-1');
    expect(db.verno).toBe(latestVersion);
    expect(await db.users.toArray()).toEqual(users);
    // The unique indexes still hold after the upgrade.
    await expect(db.users.add({ username: 'ANN', usernameKey: 'ann', createdAt: 4 } as never)).rejects.toThrow();
    for (const table of [db.todos, db.categories, db.posts, db.movies]) expect(await table.count()).toBe(0);
  });

  it('from version 2: every row of every table survives unchanged', async () => {
    await databaseAt(2, 'from-2', async (db) => {
      await db.users.bulkAdd(users);
      await db.categories.bulkAdd(categories);
      await db.todos.bulkAdd(todos as never);
      await db.posts.bulkAdd(posts);
      await db.movies.bulkAdd(movies as never);
    });
    const db = await openCurrent('from-2');
    expect(await db.users.toArray()).toEqual(users);
    expect(await db.categories.toArray()).toEqual(categories);
    expect(await db.todos.toArray()).toEqual(todos);
    expect(await db.posts.toArray()).toEqual(posts);
    expect(await db.movies.toArray()).toEqual(movies);
  });
});

describe('the migration history', () => {
  it('records every version as created when the database is new', async () => {
    const db = await openCurrent('fresh');
    const history = await db.migrations.toArray();
    expect(history.map(({ version, how }) => [version, how])).toEqual(schemaVersions.map(({ version }) => [version, 'created']));
    expect(history.every(({ appliedAt }) => typeof appliedAt === 'number')).toBe(true);
  });

  it('records the versions this device upgraded through, and those it had before history was kept', async () => {
    await databaseAt(1, 'history-from-1', (db) => db.users.bulkAdd(users));
    const db = await openCurrent('history-from-1');
    const history = await db.migrations.toArray();
    expect(history.map(({ version, how }) => [version, how])).toEqual([
      [1, 'before-history'],
      [2, 'upgraded'],
      [3, 'upgraded'],
    ]);
    expect(history[0]?.appliedAt).toBeNull();
    expect(history.map(({ description }) => description)).toEqual(schemaVersions.map(({ description }) => description));
  });
});

/** A next version that rewrites every to-do, as a real one would. */
const marksTodos: SchemaVersion = {
  version: latestVersion + 1,
  description: 'Marks every to-do',
  stores: {},
  rows: { todos: (todo) => ({ ...todo, title: `${String(todo.title)} ✓` }) },
};

describe('a version that rewrites rows', () => {
  it('rewrites every row on upgrade, and bringForward gives the same rows from the old ones', async () => {
    await databaseAt(latestVersion, 'rewrite', (db) => db.todos.bulkAdd(todos as never));
    const db = await openCurrent('rewrite', [...schemaVersions, marksTodos]);
    const upgraded = await db.todos.toArray();
    expect(upgraded.map((todo) => todo.title)).toEqual(['Dig ✓', 'Sow ✓']);
    expect(bringForward({ todos }, latestVersion, [...schemaVersions, marksTodos]).todos).toEqual(upgraded);
    expect((await db.migrations.get(marksTodos.version))?.how).toBe('upgraded');
  });

  it('leaves the data and the version exactly as they were when it throws halfway', async () => {
    await databaseAt(latestVersion, 'throws', async (db) => {
      await db.users.bulkAdd(users);
      await db.todos.bulkAdd(todos as never);
    });
    let seen = 0;
    const failsHalfway: SchemaVersion = {
      ...marksTodos,
      rows: {
        todos: (todo) => {
          seen += 1;
          if (seen === 2) throw new Error('cannot rewrite this one');
          return { ...todo, title: 'rewritten' };
        },
      },
    };
    const failing = new TendDB('throws', { versions: [...schemaVersions, failsHalfway] });
    await expect(failing.open()).rejects.toThrow(/cannot rewrite this one/);
    expect(seen).toBe(2);
    failing.close();

    const db = await openCurrent('throws');
    expect(db.verno).toBe(latestVersion);
    expect(await db.todos.toArray()).toEqual(todos);
    expect(await db.users.toArray()).toEqual(users);
    expect(await db.migrations.get(marksTodos.version)).toBeUndefined();
  });
});

describe('bringing old rows forward', () => {
  it('drops tables a later version drops and leaves rows no version rewrites alone', () => {
    const dropsMovies: SchemaVersion = { version: latestVersion + 1, description: 'Drops movies', stores: { movies: null } };
    const forward = bringForward({ users, movies }, 1, [...schemaVersions, dropsMovies]);
    expect(forward).toEqual({ users });
  });
});
