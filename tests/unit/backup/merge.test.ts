import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { loadSampleData } from '../../../src/lib/sample-data';
import { backupOf, category, everything, importText, movie, post, refusal, textOf, todo, user } from './factories';

// The sample data: users admin (1) and guest (2), category Python (1), posts 1–2, to-dos 1–4,
// movies 1–2. The files below reuse those ids on purpose: a merge must never overwrite.
beforeEach(async () => {
  await loadSampleData();
});

/** A household from another device, its ids clashing with Tend's. */
function otherHousehold() {
  return backupOf({
    users: [user(1, 'Carol', { email: 'carol@example.com' }), user(2, 'Dan')],
    categories: [category(1, 'Garden')],
    todos: [todo(1, 'Weed', { userId: 2, categoryId: 1 }), todo(2, 'Rest')],
    posts: [post(1, 'Roses', 1, { authorId: 1 })],
    movies: [movie(1, 'Up')],
  });
}

describe('merge', () => {
  it('keeps every row Tend had, untouched', async () => {
    const before = await everything();
    await importText(textOf(otherHousehold()), 'merge');
    const after = await everything();
    for (const name of Object.keys(before) as (keyof typeof before)[]) {
      expect(after[name].slice(0, before[name].length)).toStrictEqual(before[name]);
    }
  });

  it('gives every added row a new id and points the file’s references at them', async () => {
    const summary = await importText(textOf(otherHousehold()), 'merge');
    expect(summary).toEqual({
      mode: 'merge',
      added: { users: 2, categories: 1, todos: 2, posts: 1, movies: 1 },
      matched: { users: 0, categories: 0 },
    });
    const carol = await db.users.where('usernameKey').equals('carol').first();
    const dan = await db.users.where('usernameKey').equals('dan').first();
    const garden = await db.categories.where('nameKey').equals('garden').first();
    expect([carol?.id, dan?.id, garden?.id]).toEqual([3, 4, 2]);
    expect(await db.todos.get(5)).toMatchObject({ title: 'Weed', userId: dan!.id, categoryId: garden!.id });
    expect(await db.todos.get(6)).toStrictEqual(todo(6, 'Rest'));
    expect(await db.posts.get(3)).toMatchObject({ title: 'Roses', categoryId: garden!.id, authorId: carol!.id });
    expect(await db.movies.get(3)).toStrictEqual(movie(3, 'Up'));
  });

  it('matches a username already in Tend (ignoring case) to that user, and keeps the user as Tend has it', async () => {
    const admin = await db.users.get(1);
    const file = backupOf({
      users: [user(7, 'ADMIN', { email: 'admin@example.com' })],
      todos: [todo(1, 'Admin’s chore', { userId: 7 })],
      posts: [post(1, 'By admin', 3, { authorId: 7 })],
      categories: [category(3, 'Misc')],
    });
    const summary = await importText(textOf(file), 'merge');
    expect(summary.matched).toEqual({ users: 1, categories: 0 });
    expect(summary.added.users).toBe(0);
    expect(await db.users.get(1)).toStrictEqual(admin);
    expect(await db.users.count()).toBe(2);
    expect(await db.todos.get(5)).toMatchObject({ title: 'Admin’s chore', userId: 1 });
    expect(await db.posts.get(3)).toMatchObject({ title: 'By admin', authorId: 1 });
  });

  it('matches a category name already in Tend (ignoring case) to that category', async () => {
    const file = backupOf({ categories: [category(5, 'PYTHON')], posts: [post(1, 'More snakes', 5)], todos: [todo(1, 'Read', { categoryId: 5 })] });
    const summary = await importText(textOf(file), 'merge');
    expect(summary.matched).toEqual({ users: 0, categories: 1 });
    expect(await db.categories.count()).toBe(1);
    expect(await db.posts.get(3)).toMatchObject({ categoryId: 1 });
    expect(await db.todos.get(5)).toMatchObject({ categoryId: 1 });
  });

  it('refuses a user whose email belongs to someone else in Tend, naming the row, and changes nothing', async () => {
    const before = await everything();
    const file = backupOf({ users: [user(1, 'Zed'), user(2, 'Eve', { email: 'GUEST@example.com' })], movies: [movie(1, 'Up')] });
    const error = await refusal(() => importText(textOf(file), 'merge'));
    expect(error.message).toBe('users, row 2, email: GUEST@example.com already belongs to guest in Tend');
    expect(await everything()).toStrictEqual(before);
  });

  it('refuses a matched user whose email is another Tend user’s: the file and Tend disagree about who is who', async () => {
    const file = backupOf({ users: [user(1, 'admin', { email: 'guest@example.com' })] });
    const error = await refusal(() => importText(textOf(file), 'merge'));
    expect(error.message).toBe('users, row 1, email: guest@example.com already belongs to guest in Tend');
  });

  it('accepts a matched user with the same email as the user it matches', async () => {
    const file = backupOf({ users: [user(1, 'Guest', { email: 'Guest@Example.com' })] });
    expect((await importText(textOf(file), 'merge')).matched.users).toBe(1);
  });

  it('lets a file point at rows only Tend holds (a file of to-dos for people already here)', async () => {
    const file = backupOf({ todos: [todo(1, 'Feed the cat', { userId: 2, categoryId: 1 })] });
    await importText(textOf(file), 'merge');
    expect(await db.todos.get(5)).toMatchObject({ title: 'Feed the cat', userId: 2, categoryId: 1 });
  });

  it('adds to-dos, posts and movies again when the same file is merged twice: they have no natural key', async () => {
    await importText(textOf(otherHousehold()), 'merge');
    const second = await importText(textOf(otherHousehold()), 'merge');
    expect(second.added).toEqual({ users: 0, categories: 0, todos: 2, posts: 1, movies: 1 });
    expect(second.matched).toEqual({ users: 2, categories: 1 });
    const weeds = await db.todos.filter((row) => row.title === 'Weed').toArray();
    expect(weeds.map((row) => row.userId)).toEqual([4, 4]);
  });
});
