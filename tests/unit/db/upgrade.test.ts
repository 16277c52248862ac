import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { bringForward, latestVersion, schemaVersions, TendDB, type SchemaVersion } from '../../../src/db/schema';
import { storedCategory, storedMovie, storedPost, storedTodo, storedUser } from '../../../src/lib/stored-rows';
import { isId, newId } from '../../../src/db/ids';
import { LINKS } from '../../../src/lib/links';
import { requestRecorder } from '../support';

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

// The same rows as the running code stores them (with the old numbers still as ids): the
// upgrade must give exactly these, each with its new id.
const current = {
  users: users.map((user) => storedUser(user as never)),
  categories: categories.map((category) => storedCategory(category as never)),
  todos: todos.map((todo) => storedTodo(todo as never)),
  posts: posts.map((post) => storedPost(post as never)),
  movies: movies.map((movie) => storedMovie(movie as never)),
};

async function fillAll(db: TendDB) {
  await db.users.bulkAdd(users as never);
  await db.categories.bulkAdd(categories as never);
  await db.todos.bulkAdd(todos as never);
  await db.posts.bulkAdd(posts as never);
  await db.movies.bulkAdd(movies as never);
}

/** Rows as version 4 stored them: the running code's shape, with numbers for ids. */
async function fillAt4(db: TendDB) {
  for (const [table, rows] of Object.entries(current)) await db.table(table).bulkAdd(rows);
}

/** The rows a database made by `version` holds, as its own code stored them. */
function rowsOf(version: number): Tables {
  if (version === 1) return { users };
  return (version >= 4 ? current : { users, categories, todos, posts, movies }) as unknown as Tables;
}

/** Opens a database whose upgrade failed: still version 4, with exactly version 4's stores. */
async function stillAtVersion4(name: string) {
  const old = new TendDB(name, { upTo: 4 });
  opened.push(old);
  await old.open();
  expect(old.verno).toBe(4);
  expect([...old.backendDB().objectStoreNames].sort()).toEqual(['categories', 'migrations', 'movies', 'posts', 'todos', 'users']);
  return old;
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

type Tables = Record<string, Record<string, unknown>[]>;

/** Old number → new id, per table, as an upgrade or bringForward recorded them. */
function formerIdMap(formerIds: { table: string; formerId: number; id: string }[]) {
  const map = new Map<string, string>();
  for (const { table, formerId, id } of formerIds) map.set(`${table}:${formerId}`, id);
  return (table: string, former: unknown) => {
    const id = map.get(`${table}:${String(former)}`);
    expect(id, `${table} ${String(former)} has a new id`).toBeDefined();
    return id!;
  };
}

/**
 * The rows Tend should hold after re-keying `before` (rows with numbers, in the running code's
 * shape): the same rows, each id and each link changed to the new id its number was given.
 */
function rekeyed(before: Tables, newIdOf: (table: string, former: unknown) => string): Tables {
  return Object.fromEntries(
    Object.entries(before).map(([table, rows]) => [
      table,
      rows.map((row) => {
        const next: Record<string, unknown> = { ...row, id: newIdOf(table, row.id) };
        for (const { field, target } of LINKS.filter((link) => link.table === table)) {
          if (row[field] !== undefined) next[field] = newIdOf(target, row[field]);
        }
        return next;
      }),
    ]),
  );
}

/** Rows sorted by their key, as a table reads them, for comparing with rows in another order. */
const byKey = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));

function sortedTables(tables: Tables): Tables {
  return Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, byKey(rows)]));
}

/** The old tables a version had, with their rows in the running code's shape. */
function currentUpTo(version: number): Tables {
  return (version === 1 ? { users: current.users } : current) as unknown as Tables;
}

describe('every earlier version opens in the current code with every row intact', () => {
  for (const version of [1, 2, 3, 4]) {
    it(`from version ${version}: every row survives with a new id, and every link follows its row`, async () => {
      await databaseAt(version, `from-${version}`, (db) => (version === 1 ? db.users.bulkAdd(users as never) : version === 4 ? fillAt4(db) : fillAll(db)));
      const db = await openCurrent(`from-${version}`);
      expect(db.verno).toBe(latestVersion);
      const formerIds = await db.formerIds.toArray();
      const before = currentUpTo(version);
      // One former number per row, and nothing else.
      expect(formerIds.length).toBe(Object.values(before).reduce((sum, rows) => sum + rows.length, 0));
      const after = await everyTable(db);
      for (const table of ['todos', 'categories', 'posts', 'movies'] as const) {
        if (!(table in before)) expect(after[table]).toEqual([]);
      }
      const expected = sortedTables(rekeyed(before, formerIdMap(formerIds)));
      for (const [table, rows] of Object.entries(expected)) expect(after[table as keyof typeof after], table).toEqual(rows);
      for (const rows of Object.values(after)) for (const row of rows) expect(isId(row.id)).toBe(true);
      // The unique indexes still hold after the upgrade.
      await expect(db.users.add(storedUser({ username: 'ANN', createdAt: 4 }))).rejects.toThrow();
    });
  }

  it('from version 6: every row and link stays exactly as it was, and the sync tables start empty', async () => {
    const ids = new Map<string, string>();
    const at6 = sortedTables(rekeyed(current as unknown as Tables, (table, former) => {
      const key = `${table}:${String(former)}`;
      if (!ids.has(key)) ids.set(key, newId());
      return ids.get(key)!;
    }));
    await databaseAt(6, 'from-6', async (db) => {
      for (const [table, rows] of Object.entries(at6)) await db.table(table).bulkAdd(rows);
    });
    const db = await openCurrent('from-6');
    expect(db.verno).toBe(latestVersion);
    expect(await everyTable(db)).toEqual(at6);
    expect([await db.outbox.count(), await db.synced.count(), await db.syncNotes.count()]).toEqual([0, 0, 0]);
  });

  it('from version 4: new ids sort in the order of the old numbers, so rows that tie keep their order', async () => {
    await databaseAt(4, 'order-of-ids', fillAt4);
    const db = await openCurrent('order-of-ids');
    const newIdOf = formerIdMap(await db.formerIds.toArray());
    for (const [table, rows] of Object.entries(current)) {
      const numbers = rows.map((row) => row.id as unknown as number).sort((a, b) => a - b);
      const newIds = numbers.map((number) => newIdOf(table, number));
      expect([...newIds].sort(), table).toEqual(newIds);
    }
    // Rows added afterwards sort after every re-keyed row.
    const added = await db.todos.add(storedTodo({ title: 'Dig', done: 0, createdAt: 20, updatedAt: 20 }));
    const digs = await db.todos.where('[titleKey+id]').between(['dig'], ['dig\uffff']).toArray();
    expect(digs.map((todo) => todo.id)).toEqual([newIdOf('todos', 1), added]);
  });

  it('from version 4: a link to a row that is not there stops the upgrade, which changes nothing and says which', async () => {
    const dangling = [...current.todos, storedTodo({ id: 4, title: 'Orphan', done: 0, userId: 99, createdAt: 9, updatedAt: 9 } as never)];
    await databaseAt(4, 'dangling', async (db) => {
      await db.users.bulkAdd(current.users);
      await db.todos.bulkAdd(dangling);
    });
    const failing = new TendDB('dangling');
    await expect(failing.open()).rejects.toThrow(/todos, row 4: userId 99 names no row of users/);
    failing.close();
    const old = await stillAtVersion4('dangling');
    expect(await old.todos.toArray()).toEqual(dangling);
    expect(await old.users.toArray()).toEqual(current.users);
  });

  it('from version 4: a failure in a later version leaves version 4 exactly as it was, re-keying undone too', async () => {
    await databaseAt(4, 'fails-after-rekey', fillAt4);
    const failsAfter: SchemaVersion = {
      version: latestVersion + 1,
      description: 'Fails',
      stores: {},
      rows: {
        todos: () => {
          throw new Error('cannot rewrite this one');
        },
      },
    };
    const failing = new TendDB('fails-after-rekey', { versions: [...schemaVersions, failsAfter] });
    await expect(failing.open()).rejects.toThrow(/cannot rewrite this one/);
    failing.close();
    const old = await stillAtVersion4('fails-after-rekey');
    expect(await everyTable(old)).toEqual(current);
  });

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
    expect((await db.todos.where('[titleKey+id]').between(['ecr'], ['ecr\uffff']).toArray()).map((todo) => todo.title)).toEqual(['Écrire à Zoë']);
    expect((await db.posts.where('[titleKey+id]').between(['uber'], ['uber\uffff']).toArray()).map((post) => post.title)).toEqual(['Über alles']);
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
      [5, 'upgraded'],
      [6, 'upgraded'],
      [7, 'upgraded'],
      [8, 'upgraded'],
    ]);
    expect(history[0]?.appliedAt).toBeNull();
    expect(history.map(({ description }) => description)).toEqual(schemaVersions.map(({ description }) => description));
  });
});

/** The running code's rows with UUIDs for ids and links, as versions 5 to 7 stored them. */
function withNewIds(): Tables {
  const ids = new Map<string, string>();
  return sortedTables(
    rekeyed(current as unknown as Tables, (table, former) => {
      const key = `${table}:${String(former)}`;
      if (!ids.has(key)) ids.set(key, newId());
      return ids.get(key)!;
    }),
  );
}

/** The counts row as counting the to-dos' index gives it. */
async function countedNow(db: TendDB) {
  const count = (done: number) => db.todos.where('[done+dueKey+id]').between([done], [done, Dexie.maxKey]).count();
  return { table: 'todos', active: await count(0), completed: await count(1) };
}

describe('the to-do counts (version 8)', () => {
  for (const version of [1, 2, 3, 4, 5, 6, 7]) {
    it(`from version ${version}: the upgrade counts the to-dos into the row, and every row survives`, async () => {
      const name = `counts-from-${version}`;
      const withIds = withNewIds();
      await databaseAt(version, name, async (db) => {
        if (version === 1) return db.users.bulkAdd(users as never);
        if (version <= 3) return fillAll(db);
        if (version === 4) return fillAt4(db);
        // Version 5 keeps the re-keyed rows in tables of their own (version 6 moves them back).
        for (const [table, rows] of Object.entries(withIds)) {
          await db.table(version === 5 ? `rekeyed${table[0]!.toUpperCase()}${table.slice(1)}` : table).bulkAdd(rows);
        }
      });
      const db = await openCurrent(name);
      expect(db.verno).toBe(latestVersion);
      expect(await db.counts.toArray()).toEqual([version === 1 ? { table: 'todos', active: 0, completed: 0 } : { table: 'todos', active: 2, completed: 1 }]);
      expect(await db.counts.get('todos')).toEqual(await countedNow(db));
      const after = await everyTable(db);
      if (version >= 5) expect(after).toEqual(withIds);
      else for (const [table, rows] of Object.entries(currentUpTo(version))) expect(after[table as keyof typeof after].length, table).toBe(rows.length);
      // And from then on every write keeps them right.
      const [first] = after.todos;
      if (first) await db.todos.put({ ...first, done: first.done ? 0 : 1 });
      await db.todos.add(storedTodo({ title: 'Later', done: 1, createdAt: 30, updatedAt: 30 }));
      expect(await db.counts.get('todos')).toEqual(await countedNow(db));
    });
  }

  it('a later version whose rewrite moves to-dos between left and done counts them again', async () => {
    await databaseAt(latestVersion, 'counts-all-done', (db) => db.todos.bulkAdd(current.todos));
    const allDone: SchemaVersion = { version: latestVersion + 1, description: 'All done', stores: {}, rows: { todos: (todo) => ({ ...todo, done: 1 }) } };
    const db = await openCurrent('counts-all-done', [...schemaVersions, allDone]);
    expect(await db.counts.get('todos')).toEqual({ table: 'todos', active: 0, completed: 3 });
  });

  it('an upgrade’s rewrite of every to-do reads no more than without the counts', async () => {
    /** The reads that reach IndexedDB while a next version rewrites every to-do. */
    const readsOfUpgrade = async (name: string, withCounts: boolean) => {
      await databaseAt(latestVersion, name, (db) => db.todos.bulkAdd(current.todos));
      const { middleware: recorder, requests: reads } = requestRecorder();
      const db = new TendDB(name, { versions: [...schemaVersions, marksTodos] });
      opened.push(db);
      db.use(recorder);
      if (!withCounts) db.unuse({ stack: 'dbcore', name: 'TodoCounts' });
      await db.open();
      expect((await db.todos.toArray()).map((todo) => todo.title)).toEqual(['Dig ✓', 'Sow ✓', 'Écrire à Zoë ✓']);
      return { reads, counts: await db.counts.get('todos'), counted: await countedNow(db) };
    };
    const plain = await readsOfUpgrade('counts-upgrade-plain', false);
    const kept = await readsOfUpgrade('counts-upgrade-kept', true);
    expect(kept.reads).toEqual(plain.reads);
    expect(kept.counts).toEqual(kept.counted);
  });

  it('a new database has no counts row, which reads as none left, until its first to-do', async () => {
    const db = await openCurrent('counts-fresh');
    expect(await db.counts.count()).toBe(0);
    await db.todos.add(current.todos[1]!);
    expect(await db.counts.toArray()).toEqual([{ table: 'todos', active: 0, completed: 1 }]);
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

  it('gives rows from every earlier version the keys and new ids the upgrade gives them, links followed', () => {
    for (const version of [1, 2, 3, 4]) {
      const { formerIds, ...forward } = bringForward(rowsOf(version) as never, version);
      const expected = rekeyed(currentUpTo(version), formerIdMap(formerIds as never));
      expect(forward, `from version ${version}`).toEqual({ ...{ users: [], categories: [], todos: [], posts: [], movies: [] }, ...expected });
    }
  });

  it('refuses old rows it cannot re-key, naming them: a number twice, an id that is not a number, a link to nothing', () => {
    expect(() => bringForward({ users: [users[0]!, { ...users[1]!, id: 1 }] }, 4)).toThrow('users: two rows have the id 1');
    expect(() => bringForward({ users: [{ ...users[0]!, id: 'x' }] }, 4)).toThrow('users: the id "x" is not a positive whole number');
    expect(() => bringForward({ categories, posts: [{ ...posts[0]!, authorId: 5 }] }, 4)).toThrow('posts, row 1: authorId 5 names no row of users');
  });
});
