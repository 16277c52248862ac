import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { isId } from '../../src/db/ids';
import { exportEverything } from '../../src/lib/backup/export';
import { orderingFor } from '../../src/lib/paging';
import { models } from '../../src/lib/models';
import { isTendEmpty, loadSampleData } from '../../src/lib/sample-data';
import { storedCategory, storedMovie } from '../../src/lib/stored-rows';
import { backupOf, importText, textOf } from './backup/factories';

const tables = () => [db.users, db.todos, db.categories, db.posts, db.movies];

async function counts() {
  return Object.fromEntries(await Promise.all(tables().map(async (table) => [table.name, await table.count()])));
}

const empty = { users: 0, todos: 0, categories: 0, posts: 0, movies: 0 };

describe('telling whether Tend is empty', () => {
  it('is empty at first and not once any table has a row', async () => {
    expect(await isTendEmpty()).toBe(true);
    await db.movies.add(storedMovie({ title: 'Heat', watched: 0, createdAt: 0 }));
    expect(await isTendEmpty()).toBe(false);
  });
});

describe('loading sample data', () => {
  it('fills an empty Tend with the seed apps’ examples', async () => {
    await loadSampleData();
    expect(await counts()).toEqual({ users: 2, todos: 4, categories: 1, posts: 2, movies: 2 });
    expect(await isTendEmpty()).toBe(false);
    expect((await db.users.toArray()).map((user) => user.username)).toEqual(['admin', 'guest']);
    expect(await db.categories.toArray()).toMatchObject([{ name: 'Python', nameKey: 'python' }]);
    const [ghostbusters, unwatched] = await db.movies.orderBy('[watched+titleKey+id]').reverse().toArray();
    expect(ghostbusters).toMatchObject({ title: 'Ghostbusters', year: 1984, yearKey: 1984, watched: 1, rating: 5 });
    expect(unwatched).toMatchObject({ watched: 0 });
  });

  it('has "Hello Python!" by admin a day older than "Snakes" by guest', async () => {
    await loadSampleData();
    const [hello, snakes] = await db.posts.orderBy('[pubDate+id]').toArray();
    const admin = await db.users.where('usernameKey').equals('admin').first();
    const guest = await db.users.where('usernameKey').equals('guest').first();
    expect(hello).toMatchObject({ title: 'Hello Python!', body: 'Python is pretty cool', authorId: admin?.id });
    expect(snakes).toMatchObject({ title: 'Snakes', body: 'Ssssssss', authorId: guest?.id });
    expect(snakes!.pubDate - hello!.pubDate).toBe(24 * 60 * 60 * 1000);
  });

  it('gives every row its own UUID and points every post and to-do at rows that exist', async () => {
    await loadSampleData();
    const ids = (await Promise.all(tables().map((table) => table.toArray()))).flat().map((row) => row.id);
    expect(ids.filter((id) => !isId(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const userIds = new Set((await db.users.toArray()).map((user) => user.id));
    const categoryIds = new Set((await db.categories.toArray()).map((category) => category.id));
    for (const post of await db.posts.toArray()) {
      expect(categoryIds).toContain(post.categoryId);
      if (post.authorId !== undefined) expect(userIds).toContain(post.authorId);
    }
    for (const todo of await db.todos.toArray()) {
      if (todo.userId !== undefined) expect(userIds).toContain(todo.userId);
      if (todo.categoryId !== undefined) expect(categoryIds).toContain(todo.categoryId);
    }
  });

  it('stores every row exactly as importing the same rows stores them (keys recomputed by Tend)', async () => {
    await loadSampleData();
    const sample = (await exportEverything()).tables;
    // The same rows with every derived field wrong: import recomputes them with Tend's row code.
    const derived = ['usernameKey', 'usernameSortKey', 'emailKey', 'nameKey', 'nameSortKey', 'titleKey', 'dueKey', 'yearKey'];
    const scrambled = Object.fromEntries(
      Object.entries(sample).map(([name, rows]) => [
        name,
        (rows as Record<string, unknown>[]).map((row) => ({ ...row, ...Object.fromEntries(derived.filter((key) => key in row).map((key) => [key, 'WRONG'])) })),
      ]),
    );
    await importText(textOf(backupOf(scrambled)));
    expect((await exportEverything()).tables).toStrictEqual(sample);
    // Absent, not undefined: an undefined property would still show up in a backup.
    for (const rows of Object.values(sample)) {
      for (const row of rows) for (const [field, value] of Object.entries(row)) expect(value, field).not.toBeUndefined();
    }
  });

  it('is found by every list, in order and by a search ignoring case and accents', async () => {
    await loadSampleData();
    for (const model of Object.values(models)) {
      const rows = (await db.table(model.path).toArray()) as never[];
      const listed = await model.page(orderingFor(model.listing, {}), { at: 'first' }, 50);
      expect(listed.rows, model.path).toHaveLength(rows.length);
      for (const row of rows) {
        const name = model.titleOf(row);
        const found = await model.page(orderingFor(model.listing, { search: name.slice(0, 3).toUpperCase() }), { at: 'first' }, 50);
        expect(found.rows.map((each: { id: string }) => each.id), `${model.path}: ${name}`).toContain((row as { id: string }).id);
      }
    }
    const done = await models.todos.page(orderingFor(models.todos.listing, { filter: 'completed' }), { at: 'first' }, 50);
    expect(done.rows.map((todo: { title: string }) => todo.title)).toEqual(['Learn Flask']);
  });

  it('gives the to-dos a done one, a dated one, and one with no owner', async () => {
    await loadSampleData();
    const byTitle = Object.fromEntries((await db.todos.toArray()).map((todo) => [todo.title, todo]));
    expect(byTitle['Learn Flask']).toMatchObject({ done: 1, completedAt: expect.any(Number) });
    expect(byTitle['Write the migration']?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const python = await db.categories.where('nameKey').equals('python').first();
    const admin = await db.users.where('usernameKey').equals('admin').first();
    expect(byTitle['Write the migration']).toMatchObject({ done: 0, categoryId: python!.id, userId: admin!.id });
    expect(byTitle['Water the plants']).not.toHaveProperty('userId');
  });

  it('refuses when Tend already has data, and writes nothing', async () => {
    await db.categories.add(storedCategory({ name: 'Home', createdAt: 0 }));
    await expect(loadSampleData()).rejects.toThrow('Tend already has data');
    expect(await counts()).toEqual({ ...empty, categories: 1 });
  });

  it('refuses a second load', async () => {
    await loadSampleData();
    const before = await counts();
    await expect(loadSampleData()).rejects.toThrow('Tend already has data');
    expect(await counts()).toEqual(before);
  });

  it('is all or nothing: a failure in the last step leaves every table empty', async () => {
    // The movies are written last, so by then every other table has been written to.
    const failing = () => {
      throw new Error('disk full');
    };
    db.movies.hook('creating', failing);
    try {
      await expect(loadSampleData()).rejects.toThrow('disk full');
    } finally {
      db.movies.hook('creating').unsubscribe(failing);
    }
    expect(await counts()).toEqual(empty);
    expect(await isTendEmpty()).toBe(true);
  });
});
