import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { importBackup, readBackup, type ImportMode } from '../../../src/lib/backup/import';
import { loadSampleData } from '../../../src/lib/sample-data';
import { backupOf, category, everything, movie, numbered, post, textOf, todo, user } from './factories';

beforeEach(async () => {
  await loadSampleData();
});

/** Runs `attempt` while every new movie fails to be written (movies are written last). */
async function withFailingMovieWrites(attempt: () => Promise<unknown>) {
  const fail = () => {
    throw new Error('disk on fire');
  };
  db.movies.hook('creating', fail);
  try {
    await expect(attempt()).rejects.toThrow('disk on fire');
  } finally {
    db.movies.hook('creating').unsubscribe(fail);
  }
}

const file = textOf(
  backupOf({
    users: [user(1, 'Carol')],
    categories: [category(1, 'Garden')],
    todos: [todo(1, 'Weed', { userId: 1, categoryId: 1 })],
    posts: [post(1, 'Roses', 1, { authorId: 1 })],
    movies: [movie(1, 'Up')],
  }),
);

describe('an import is one transaction', () => {
  it.each<ImportMode>(['replace', 'merge'])('%s: a write that fails part-way leaves every table as it was', async (mode) => {
    const before = await everything();
    const parsed = readBackup(file, file.length);
    // By the time movies are written, the other tables have been cleared or added to.
    await withFailingMovieWrites(() => importBackup(parsed, mode));
    expect(await everything()).toStrictEqual(before);
  });

  it.each<ImportMode>(['replace', 'merge'])('%s: succeeds once the failure is gone', async (mode) => {
    await importBackup(readBackup(file, file.length), mode);
    expect(await db.movies.filter((row) => row.title === 'Up').count()).toBe(1);
  });
});

describe('a replace with a file made before schema 5', () => {
  // Its rows get new ids, and the device's old numbers are replaced by the file's: both in the
  // one transaction, or an old address could lead to a row that is gone.
  const household = {
    users: [user(3, 'Carol')],
    categories: [category(1, 'Garden')],
    todos: [todo(2, 'Weed', { userId: 3, categoryId: 1 })],
    posts: [post(5, 'Roses', 1, { authorId: 3 })],
    movies: [movie(1, 'Up')],
  };
  const old = textOf({ ...backupOf(), schemaVersion: 4, tables: Object.fromEntries(Object.entries(household).map(([name, rows]) => [name, rows.map(numbered)])) });

  it('writes the old numbers in the data’s transaction: when they fail, no table changes', async () => {
    const admin = (await db.users.toCollection().first())!;
    await db.formerIds.add({ table: 'users', formerId: 3, id: admin.id });
    const before = { rows: await everything(), formerIds: await db.formerIds.toArray() };
    const fail = () => {
      throw new Error('disk on fire');
    };
    db.formerIds.hook('creating', fail);
    try {
      await expect(importBackup(readBackup(old, old.length), 'replace')).rejects.toThrow('disk on fire');
    } finally {
      db.formerIds.hook('creating').unsubscribe(fail);
    }
    expect({ rows: await everything(), formerIds: await db.formerIds.toArray() }).toStrictEqual(before);
  });

  it('keeps the device’s old numbers when the data fails to be written', async () => {
    const admin = (await db.users.toCollection().first())!;
    await db.formerIds.add({ table: 'users', formerId: 3, id: admin.id });
    const before = await db.formerIds.toArray();
    await withFailingMovieWrites(() => importBackup(readBackup(old, old.length), 'replace'));
    expect(await db.formerIds.toArray()).toStrictEqual(before);
  });
});
