import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { isId } from '../../src/db/ids';
import { createCategory, deleteCategory } from '../../src/lib/categories/mutations';
import { undoDeletion, undoneMessage } from '../../src/lib/undo-restore';
import { deleteMovie } from '../../src/lib/movies/mutations';
import { postsModel } from '../../src/lib/posts/model';
import { loadSampleData } from '../../src/lib/sample-data';
import { todosModel } from '../../src/lib/todos/model';
import { clearCompleted, renameTodo } from '../../src/lib/todos/mutations';
import { recordDeletion, type DeletionRecord } from '../../src/lib/undo';
import { createUser, deleteUser } from '../../src/lib/users/mutations';
import { ValidationError } from '../../src/lib/errors';
import { everyRow } from './support';

const idOf = async (table: 'users' | 'categories', key: string) =>
  (await db.table(table).where(table === 'users' ? 'usernameKey' : 'nameKey').equals(key).first()).id as string;
const postId = async (title: string) => (await db.posts.where('titleKey').equals(title.toLowerCase()).first())!.id;
const todoId = async (title: string) => (await db.todos.where('titleKey').equals(title.toLowerCase()).first())!.id;

/** Edits a post through its form's path, as the other tab would. */
async function editPost(title: string, change: Partial<Record<'title' | 'categoryId', string>>) {
  const id = await postId(title);
  await postsModel.update(id, { ...postsModel.toInput((await postsModel.get(id))!), ...change });
}

async function editTodo(title: string, change: Partial<Record<'userId', string>>) {
  const id = await todoId(title);
  await todosModel.update(id, { ...todosModel.toInput((await todosModel.get(id))!), ...change });
}

/** Undoes, and answers with the toast's words for it. */
async function undo(record: DeletionRecord, what: string): Promise<string> {
  return undoneMessage(what, await undoDeletion(record));
}

describe('undoing a deletion', () => {
  it('brings back a category and every post and to-do deleted with it, with their ids', async () => {
    await loadSampleData();
    const before = await everyRow();
    const python = await idOf('categories', 'python');
    const snakes = (await db.posts.where('titleKey').equals('snakes').first())!;
    const record = await recordDeletion(() => deleteCategory(python, { kind: 'cascade' }));
    expect(await db.posts.count()).toBe(0);
    expect(await undo(record, 'category “Python”')).toBe('Restored category “Python”');
    expect(await everyRow()).toEqual(before);
    // The same row under the same UUID, still linked to its category and author by theirs.
    expect(isId(snakes.id) && isId(snakes.authorId)).toBe(true);
    expect(await db.posts.get(snakes.id)).toEqual(snakes);
    expect((await postsModel.get(snakes.id))?.category?.id).toBe(python);
  });

  it('undoes a move: the posts go back to the category they were in', async () => {
    await loadSampleData();
    const garden = await createCategory({ name: 'Garden' });
    const before = await everyRow();
    const python = await idOf('categories', 'python');
    const record = await recordDeletion(() => deleteCategory(python, { kind: 'move', targetId: garden }));
    expect((await db.posts.toArray()).every((post) => post.categoryId === garden)).toBe(true);
    await undoDeletion(record);
    expect(await everyRow()).toEqual(before);
  });

  it('undoes unassigning a user’s to-dos and posts', async () => {
    await loadSampleData();
    const before = await everyRow();
    const record = await recordDeletion(async () => deleteUser(await idOf('users', 'admin'), { kind: 'unlink' }));
    await undoDeletion(record);
    expect(await everyRow()).toEqual(before);
  });

  it('undoes clearing completed to-dos', async () => {
    await loadSampleData();
    const before = await everyRow();
    expect(await undo(await recordDeletion(clearCompleted), '1 completed to-do')).toBe('Restored 1 completed to-do');
    expect(await everyRow()).toEqual(before);
  });

  it('records what the deletion removed and the fields it changed, and nothing after it', async () => {
    await loadSampleData();
    const admin = await idOf('users', 'admin');
    const record = await recordDeletion(() => deleteUser(admin, { kind: 'unlink' }));
    await createUser({ username: 'Later', email: '' });
    await db.movies.clear();
    expect(record.removed.map(({ table, row }) => [table, row.username])).toEqual([['users', 'admin']]);
    const changed = record.changed.map(({ table, row, fields }) => [table, row.title, fields]);
    expect(changed.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      ['posts', 'Hello Python!', { authorId: { before: admin, after: undefined } }],
      ['todos', 'Learn Flask', { userId: { before: admin, after: undefined } }],
      ['todos', 'Write the migration', { userId: { before: admin, after: undefined } }],
    ]);
  });
});

describe('a refused deletion', () => {
  it('passes its ValidationError on, for the delete page to show, and changes nothing', async () => {
    await loadSampleData();
    const before = await everyRow();
    const refused = recordDeletion(async () => deleteCategory(await idOf('categories', 'python'), { kind: 'unlink' }));
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    expect(await everyRow()).toEqual(before);
  });
});

describe('undo never overwrites a later change', () => {
  it('moves posts back but keeps an edit made to them since', async () => {
    await loadSampleData();
    const misc = await createCategory({ name: 'Misc' });
    const python = await idOf('categories', 'python');
    const record = await recordDeletion(() => deleteCategory(python, { kind: 'move', targetId: misc }));
    await editPost('Snakes', { title: 'Snakes, edited later' });

    expect(await undo(record, 'category “Python”')).toBe('Restored category “Python”');
    const snakes = await db.posts.get(await postId('Snakes, edited later'));
    expect(snakes).toMatchObject({ title: 'Snakes, edited later', titleKey: 'snakes, edited later', categoryId: python });
    expect((await db.posts.get(await postId('Hello Python!')))?.categoryId).toBe(python);
  });

  it('leaves a post moved elsewhere since where it is, and says so', async () => {
    await loadSampleData();
    const misc = await createCategory({ name: 'Misc' });
    const garden = await createCategory({ name: 'Garden' });
    const python = await idOf('categories', 'python');
    const record = await recordDeletion(() => deleteCategory(python, { kind: 'move', targetId: misc }));
    await editPost('Snakes', { categoryId: garden });

    expect(await undo(record, 'category “Python”')).toBe('Partly restored category “Python”. Post “Snakes” keeps the category it was given since.');
    expect((await db.posts.get(await postId('Snakes')))?.categoryId).toBe(garden);
    expect((await db.posts.get(await postId('Hello Python!')))?.categoryId).toBe(python);
  });

  it('gives unassigned to-dos their owner back, except one given another owner since', async () => {
    await loadSampleData();
    const admin = await idOf('users', 'admin');
    const guest = await idOf('users', 'guest');
    const record = await recordDeletion(() => deleteUser(admin, { kind: 'unlink' }));
    await editTodo('Write the migration', { userId: guest });

    expect(await undo(record, 'user “admin”')).toBe('Partly restored user “admin”. To-do “Write the migration” keeps the owner it was given since.');
    expect((await db.todos.get(await todoId('Write the migration')))?.userId).toBe(guest);
    expect((await db.todos.get(await todoId('Learn Flask')))?.userId).toBe(admin);
    expect((await db.posts.get(await postId('Hello Python!')))?.authorId).toBe(admin);
  });

  it('does not force back a category whose name was taken since, nor the rows that would point at nothing', async () => {
    await loadSampleData();
    const record = await recordDeletion(async () => deleteCategory(await idOf('categories', 'python'), { kind: 'cascade' }));
    await createCategory({ name: 'PYTHON' });
    const after = await everyRow();

    expect(await undo(record, 'category “Python”')).toBe(
      'Could not restore category “Python”. Category “Python” could not be restored: the name “Python” is taken now. ' +
        '2 to-dos could not be restored: their category is gone. 2 posts could not be restored: their category is gone.',
    );
    expect(await everyRow()).toEqual(after);
  });

  it('does not force back a user whose username was taken since', async () => {
    await loadSampleData();
    const record = await recordDeletion(async () => deleteUser(await idOf('users', 'guest'), { kind: 'cascade' }));
    await createUser({ username: 'GUEST', email: '' });
    const after = await everyRow();
    expect(await undo(record, 'user “guest”')).toMatch(/^Could not restore user “guest”\. User “guest” could not be restored: the username “guest” is taken now\./);
    expect(await everyRow()).toEqual(after);
  });

  it('does not put a row back over another that has its id now', async () => {
    await loadSampleData();
    const [ghostbusters] = await db.movies.toArray();
    const record = await recordDeletion(() => deleteMovie(ghostbusters!.id));
    await db.movies.put({ ...ghostbusters!, title: 'Arrival', titleKey: 'arrival' });
    expect(await undo(record, 'movie “Ghostbusters”')).toBe('Could not restore movie “Ghostbusters”. Movie “Ghostbusters” could not be restored: another movie has its id now.');
    expect((await db.movies.get(ghostbusters!.id))?.title).toBe('Arrival');
  });

  it('says which moved rows were deleted since', async () => {
    await loadSampleData();
    const misc = await createCategory({ name: 'Misc' });
    const record = await recordDeletion(async () => deleteCategory(await idOf('categories', 'python'), { kind: 'move', targetId: misc }));
    await deleteCategory(misc, { kind: 'cascade' });
    expect(await undo(record, 'category “Python”')).toBe('Partly restored category “Python”. 2 to-dos were deleted since. 2 posts were deleted since.');
  });

  it('records only the deletion’s own writes, not others made while it runs', async () => {
    await loadSampleData();
    const [ghostbusters] = await db.movies.toArray();
    const buyMilk = await todoId('Buy milk');
    const before = await everyRow();
    // Started together: the other writes run while the deletion is being recorded.
    const [record] = await Promise.all([
      recordDeletion(async () => deleteCategory(await idOf('categories', 'python'), { kind: 'cascade' })),
      deleteMovie(ghostbusters!.id),
      renameTodo(buyMilk, 'Buy oat milk'),
    ]);
    expect(await undo(record, 'category “Python”')).toBe('Restored category “Python”');
    expect(await db.movies.get(ghostbusters!.id)).toBeUndefined();
    expect((await db.todos.get(buyMilk))?.title).toBe('Buy oat milk');
    expect((await everyRow()).posts).toEqual(before.posts);
  });
});
