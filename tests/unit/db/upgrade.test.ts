import { afterEach, describe, expect, it } from 'vitest';
import { bringForward, latestVersion, schemaVersions, TendDB, type SchemaVersion } from '../../../src/db/schema';
import { storedCategory, storedMovie, storedPost, storedTodo, storedUser } from '../../../src/lib/stored-rows';

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

// Rows as versions 1 to 3 stored them: keys folded by lower-casing composed text, no
// accent-folded sort keys yet.
const users = [
  { id: 1, username: 'Ann', usernameKey: 'ann', email: 'ann@example.com', emailKey: 'ann@example.com', createdAt: 1 },
  { id: 2, username: 'bob', usernameKey: 'bob', createdAt: 2 },
  { id: 7, username: 'Zoë 🌿 <b>', usernameKey: 'zoë 🌿 <b>', createdAt: 3 },
  { id: 8, username: 'Álvaro', usernameKey: 'álvaro', email: 'ÁLVARO@example.com', emailKey: 'álvaro@example.com', createdAt: 4 },
  // Lower-casing "W\u030A" leaves text that is not composed: the old key is not the new one.
  { id: 9, username: 'W\u030Aill', usernameKey: 'w\u030Aill', createdAt: 5 },
];
const categories = [
  { id: 3, name: 'Garden', nameKey: 'garden', createdAt: 4 },
  { id: 4, name: 'Économie', nameKey: 'économie', createdAt: 5 },
];
const todos = [
  { id: 1, title: 'Dig', titleKey: 'dig', done: 0, dueKey: '9999-12-31', createdAt: 5, updatedAt: 5 },
  { id: 2, title: 'Sow', titleKey: 'sow', done: 1, dueDate: '2026-03-01', dueKey: '2026-03-01', userId: 2, categoryId: 3, notes: 'x'.repeat(2000), createdAt: 6, updatedAt: 7, completedAt: 7 },
  { id: 3, title: 'Écrire à Zoë', titleKey: 'écrire à zoë', done: 0, dueKey: '9999-12-31', createdAt: 8, updatedAt: 8 },
];
const posts = [
  { id: 9, title: 'Hello', titleKey: 'hello', body: 'Ünïcødé ✓', pubDate: 8, categoryId: 3, authorId: 1 },
  { id: 10, title: 'Über alles', titleKey: 'über alles', body: 'B', pubDate: 9, categoryId: 4 },
];
const movies = [
  { id: 4, title: 'Ghostbusters', titleKey: 'ghostbusters', year: 1984, yearKey: 1984, watched: 1, rating: 5, createdAt: 9 },
  { id: 5, title: 'Unknown', titleKey: 'unknown', yearKey: 0, watched: 0, createdAt: 10 },
  { id: 6, title: 'Amélie', titleKey: 'amélie', year: 2001, yearKey: 2001, watched: 0, createdAt: 11 },
];

// The same rows as the running code stores them: the upgrade must give exactly these.
const current = {
  users: users.map((user) => storedUser(user)),
  categories: categories.map((category) => storedCategory(category)),
  todos: todos.map((todo) => storedTodo(todo as never)),
  posts: posts.map((post) => storedPost(post)),
  movies: movies.map((movie) => storedMovie(movie as never)),
};

async function fillAll(db: TendDB) {
  await db.users.bulkAdd(users as never);
  await db.categories.bulkAdd(categories as never);
  await db.todos.bulkAdd(todos as never);
  await db.posts.bulkAdd(posts);
  await db.movies.bulkAdd(movies as never);
}

async function everyTable(db: TendDB) {
  return {
    users: await db.users.toArray(),
    categories: await db.categories.toArray(),
    todos: await db.todos.toArray(),
    posts: await db.posts.toArray(),
    movies: await db.movies.toArray(),
  };
}

describe('every earlier version opens in the current code with every row intact', () => {
  it('from version 1: every user survives, keyed as the running code keys them', async () => {
    await databaseAt(1, 'from-1', (db) => db.users.bulkAdd(users as never));
    const db = await openCurrent('from-1');
    expect(db.verno).toBe(latestVersion);
    expect(await db.users.toArray()).toEqual(current.users);
    // The unique indexes still hold after the upgrade.
    await expect(db.users.add({ username: 'ANN', usernameKey: 'ann', createdAt: 4 } as never)).rejects.toThrow();
    for (const table of [db.todos, db.categories, db.posts, db.movies]) expect(await table.count()).toBe(0);
  });

  for (const version of [2, 3]) {
    it(`from version ${version}: every row of every table survives, keyed as the running code keys them`, async () => {
      await databaseAt(version, `from-${version}`, fillAll);
      const db = await openCurrent(`from-${version}`);
      expect(await everyTable(db)).toEqual(current);
    });
  }

  it('from version 3: lists read the rewritten keys in order, ignoring case and accents', async () => {
    await databaseAt(3, 'order-from-3', fillAll);
    const db = await openCurrent('order-from-3');
    expect((await db.users.orderBy('[usernameSortKey+id]').toArray()).map((user) => user.username)).toEqual([
      'Álvaro',
      'Ann',
      'bob',
      'W\u030Aill',
      'Zoë 🌿 <b>',
    ]);
    expect((await db.categories.orderBy('[nameSortKey+id]').toArray()).map((category) => category.name)).toEqual(['Économie', 'Garden']);
    expect((await db.movies.orderBy('[titleKey+id]').toArray()).map((movie) => movie.title)).toEqual(['Amélie', 'Ghostbusters', 'Unknown']);
    expect((await db.todos.where('[titleKey+id]').between(['ecr'], ['ecr\uffff']).toArray()).map((todo) => todo.id)).toEqual([3]);
    expect((await db.posts.where('[titleKey+id]').between(['uber'], ['uber\uffff']).toArray()).map((post) => post.id)).toEqual([10]);
    // "ẘill" is the same name as "W\u030Aill", which the old key missed.
    await expect(db.users.add(storedUser({ username: 'ẘill', createdAt: 6 }))).rejects.toThrow();
  });

  it('from version 3: two names that the corrected fold makes one stop the upgrade, which changes nothing', async () => {
    const clashing = [users[4]!, { id: 10, username: 'ẘill', usernameKey: 'ẘill', createdAt: 6 }];
    await databaseAt(3, 'clash-from-3', (db) => db.users.bulkAdd(clashing as never));
    const failing = new TendDB('clash-from-3');
    await expect(failing.open()).rejects.toThrow();
    failing.close();
    const old = new TendDB('clash-from-3', { upTo: 3 });
    opened.push(old);
    await old.open();
    expect(old.verno).toBe(3);
    expect(await old.users.toArray()).toEqual(clashing);
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
    await databaseAt(1, 'history-from-1', (db) => db.users.bulkAdd(users as never));
    const db = await openCurrent('history-from-1');
    const history = await db.migrations.toArray();
    expect(history.map(({ version, how }) => [version, how])).toEqual([
      [1, 'before-history'],
      [2, 'upgraded'],
      [3, 'upgraded'],
      [4, 'upgraded'],
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
    await databaseAt(latestVersion, 'rewrite', (db) => db.todos.bulkAdd(current.todos));
    const db = await openCurrent('rewrite', [...schemaVersions, marksTodos]);
    const upgraded = await db.todos.toArray();
    expect(upgraded.map((todo) => todo.title)).toEqual(['Dig ✓', 'Sow ✓', 'Écrire à Zoë ✓']);
    expect(bringForward({ todos: current.todos as never }, latestVersion, [...schemaVersions, marksTodos]).todos).toEqual(upgraded);
    expect((await db.migrations.get(marksTodos.version))?.how).toBe('upgraded');
  });

  it('leaves the data and the version exactly as they were when it throws halfway', async () => {
    await databaseAt(latestVersion, 'throws', async (db) => {
      await db.users.bulkAdd(current.users);
      await db.todos.bulkAdd(current.todos);
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
    expect(await db.todos.toArray()).toEqual(current.todos);
    expect(await db.users.toArray()).toEqual(current.users);
    expect(await db.migrations.get(marksTodos.version)).toBeUndefined();
  });
});

describe('bringing old rows forward', () => {
  it('drops tables a later version drops and leaves rows no version rewrites alone', () => {
    const dropsMovies: SchemaVersion = { version: latestVersion + 1, description: 'Drops movies', stores: { movies: null } };
    const forward = bringForward({ users: current.users as never, movies: current.movies as never }, latestVersion, [...schemaVersions, dropsMovies]);
    expect(forward).toEqual({ users: current.users });
  });

  it('gives rows from every earlier version the keys the running code gives them', () => {
    for (const version of [1, 2, 3]) {
      const forward = bringForward({ users, categories, todos, posts, movies }, version);
      expect(forward, `from version ${version}`).toEqual(current);
    }
  });
});
