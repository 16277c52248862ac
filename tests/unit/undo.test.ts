import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { deleteCategory } from '../../src/lib/categories/mutations';
import { loadSampleData } from '../../src/lib/sample-data';
import { clearCompleted } from '../../src/lib/todos/mutations';
import { putBack, recordingBefore } from '../../src/lib/undo';
import { createUser, deleteUser } from '../../src/lib/users/mutations';
import { everyRow } from './support';


const idOf = async (table: 'users' | 'categories', key: string) =>
  (await db.table(table).where(table === 'users' ? 'usernameKey' : 'nameKey').equals(key).first()).id as number;

describe('undoing a deletion', () => {
  it('brings back a category and every post and to-do deleted with it, with their ids', async () => {
    await loadSampleData();
    const before = await everyRow();
    const images = await recordingBefore(() => deleteCategory(1, { kind: 'cascade' }));
    expect(await db.posts.count()).toBe(0);
    await putBack(images);
    expect(await everyRow()).toEqual(before);
  });

  it('undoes a move: the posts go back to the category they were in', async () => {
    await loadSampleData();
    const garden = await db.categories.add({ name: 'Garden', nameKey: 'garden', createdAt: 0 } as never);
    const before = await everyRow();
    const python = await idOf('categories', 'python');
    const images = await recordingBefore(() => deleteCategory(python, { kind: 'move', targetId: garden }));
    expect((await db.posts.toArray()).every((post) => post.categoryId === garden)).toBe(true);
    await putBack(images);
    expect(await everyRow()).toEqual(before);
  });

  it('undoes unassigning a user’s to-dos and posts', async () => {
    await loadSampleData();
    const before = await everyRow();
    const images = await recordingBefore(async () => deleteUser(await idOf('users', 'admin'), { kind: 'unlink' }));
    await putBack(images);
    expect(await everyRow()).toEqual(before);
  });

  it('undoes clearing completed to-dos', async () => {
    await loadSampleData();
    const before = await everyRow();
    await putBack(await recordingBefore(clearCompleted));
    expect(await everyRow()).toEqual(before);
  });

  it('records only what the deletion touched, and nothing once it is over', async () => {
    await loadSampleData();
    const images = await recordingBefore(async () => deleteUser(await idOf('users', 'guest'), { kind: 'cascade' }));
    await createUser({ username: 'Later', email: '' });
    await db.movies.clear();
    expect([...images.entries()].filter(([, rows]) => rows.size > 0).map(([table, rows]) => [table, rows.size])).toEqual([
      ['users', 1],
      ['todos', 1],
      ['posts', 1],
    ]);
  });

  it('puts back nothing when a row cannot return, and changes nothing', async () => {
    await loadSampleData();
    const images = await recordingBefore(async () => deleteUser(await idOf('users', 'guest'), { kind: 'cascade' }));
    // Someone took the name meanwhile: the unique index refuses the old row, and the whole undo.
    await createUser({ username: 'GUEST', email: '' });
    const after = await everyRow();
    await expect(putBack(images)).rejects.toThrow();
    expect(await everyRow()).toEqual(after);
  });
});
