import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { importBackup, readBackup, type ImportMode } from '../../../src/lib/backup/import';
import { loadSampleData } from '../../../src/lib/sample-data';
import { backupOf, category, everything, movie, post, textOf, todo, user } from './factories';

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
