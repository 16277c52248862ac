import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { loadSampleData } from '../../../src/lib/sample-data';
import { backupOf, category, everything, importText, movie, post, refusal, textOf, todo, user } from './factories';

// The sample data: users admin and guest, category Python, two posts, four to-dos, two
// movies. The files below reuse fixed ids; a merge must never overwrite, and gives every
// added row a new id whatever the file's was.
beforeEach(async () => {
  await loadSampleData();
});

/** The one row of `rows` whose `field` is `value`. */
function only<Row>(rows: Row[], field: keyof Row, value: unknown): Row {
  const found = rows.filter((row) => row[field] === value);
  expect(found, `${String(field)} ${String(value)}`).toHaveLength(1);
  return found[0]!;
}

/** Every row's id, in every table. */
function idsIn(tables: object): string[] {
  return (Object.values(tables) as { id: string }[][]).flatMap((rows) => rows.map((row) => row.id));
}

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
    const before = await everything();
    const file = otherHousehold();
    const summary = await importText(textOf(file), 'merge');
    expect(summary).toEqual({
      mode: 'merge',
      added: { users: 2, categories: 1, todos: 2, posts: 1, movies: 1 },
      matched: { users: 0, categories: 0 },
    });
    const after = await everything();
    const fileIds = new Set(idsIn(file.tables));
    const tendIds = new Set(idsIn(before));
    const added = idsIn(after).filter((id) => !tendIds.has(id));
    expect(added).toHaveLength(7);
    expect(added.filter((id) => fileIds.has(id))).toEqual([]);
    const carol = only(after.users, 'username', 'Carol');
    const dan = only(after.users, 'username', 'Dan');
    const garden = only(after.categories, 'name', 'Garden');
    expect(only(after.todos, 'title', 'Weed')).toMatchObject({ userId: dan.id, categoryId: garden.id });
    const rest = only(after.todos, 'title', 'Rest');
    expect(rest).toStrictEqual(todo(rest.id, 'Rest'));
    expect(only(after.posts, 'title', 'Roses')).toMatchObject({ categoryId: garden.id, authorId: carol.id });
    const up = only(after.movies, 'title', 'Up');
    expect(up).toStrictEqual(movie(up.id, 'Up'));
  });

  it('matches a username already in Tend (ignoring case) to that user, and keeps the user as Tend has it', async () => {
    const admin = (await db.users.where('usernameKey').equals('admin').first())!;
    const file = backupOf({
      users: [user(7, 'ADMIN', { email: 'admin@example.com' })],
      todos: [todo(1, 'Admin’s chore', { userId: 7 })],
      posts: [post(1, 'By admin', 3, { authorId: 7 })],
      categories: [category(3, 'Misc')],
    });
    const summary = await importText(textOf(file), 'merge');
    expect(summary.matched).toEqual({ users: 1, categories: 0 });
    expect(summary.added.users).toBe(0);
    expect(await db.users.get(admin.id)).toStrictEqual(admin);
    expect(await db.users.count()).toBe(2);
    const after = await everything();
    expect(only(after.todos, 'title', 'Admin’s chore')).toMatchObject({ userId: admin.id });
    expect(only(after.posts, 'title', 'By admin')).toMatchObject({ authorId: admin.id });
  });

  it('matches a category name already in Tend (ignoring case) to that category', async () => {
    const python = (await db.categories.where('nameKey').equals('python').first())!;
    const file = backupOf({ categories: [category(5, 'PYTHON')], posts: [post(1, 'More snakes', 5)], todos: [todo(1, 'Read', { categoryId: 5 })] });
    const summary = await importText(textOf(file), 'merge');
    expect(summary.matched).toEqual({ users: 0, categories: 1 });
    expect(await db.categories.count()).toBe(1);
    const after = await everything();
    expect(only(after.posts, 'title', 'More snakes')).toMatchObject({ categoryId: python.id });
    expect(only(after.todos, 'title', 'Read')).toMatchObject({ categoryId: python.id });
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
    const guest = (await db.users.where('usernameKey').equals('guest').first())!;
    const python = (await db.categories.where('nameKey').equals('python').first())!;
    const file = backupOf({ todos: [todo(1, 'Feed the cat', { userId: guest.id, categoryId: python.id })] });
    await importText(textOf(file), 'merge');
    expect(only(await db.todos.toArray(), 'title', 'Feed the cat')).toMatchObject({ userId: guest.id, categoryId: python.id });
  });

  it('adds to-dos, posts and movies again when the same file is merged twice: they have no natural key', async () => {
    await importText(textOf(otherHousehold()), 'merge');
    const second = await importText(textOf(otherHousehold()), 'merge');
    expect(second.added).toEqual({ users: 0, categories: 0, todos: 2, posts: 1, movies: 1 });
    expect(second.matched).toEqual({ users: 2, categories: 1 });
    const dan = (await db.users.where('usernameKey').equals('dan').first())!;
    const weeds = await db.todos.filter((row) => row.title === 'Weed').toArray();
    expect(weeds.map((row) => row.userId)).toEqual([dan.id, dan.id]);
    expect(new Set(weeds.map((row) => row.id)).size).toBe(2);
  });
});
