// Names and titles as people read them: sorted and searched ignoring case and accents, unique
// ignoring case only, and never made of nothing visible.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { createCategory } from '../../src/lib/categories/mutations';
import type { AnyCrudModel, ListQuery } from '../../src/lib/crud';
import { orderingFor } from '../../src/lib/paging';
import { models } from '../../src/lib/models';
import { createMovie } from '../../src/lib/movies/mutations';
import { createPost } from '../../src/lib/posts/mutations';
import { foldCase, foldForSort, isBlank } from '../../src/lib/text';
import { addTodo, createTodo, renameTodo } from '../../src/lib/todos/mutations';
import { createUser, updateUser } from '../../src/lib/users/mutations';
import { ValidationError } from '../../src/lib/errors';
import { refusal } from './support';

const NAMES = ['Zoe', 'Carol', 'Émile', 'bob', 'Álvaro', 'Alice', 'ALAN', 'Ängel'];
const IN_ORDER = ['ALAN', 'Alice', 'Álvaro', 'Ängel', 'bob', 'Carol', 'Émile', 'Zoe'];

/** What a list shows (its first column), in its default order or for a search. */
async function listed(model: AnyCrudModel, query: ListQuery = {}): Promise<string[]> {
  const page = await model.page(orderingFor(model.listing, { sort: 'title', ...query }), { at: 'first' }, 50);
  return page.rows.map((row) => model.titleOf(row));
}

async function fill(path: string, names: readonly string[]) {
  const category = path === 'posts' ? String(await createCategory({ name: 'Home' })) : '';
  for (const name of names) {
    if (path === 'users') await createUser({ username: name, email: '' });
    if (path === 'categories') await createCategory({ name });
    if (path === 'todos') await addTodo(name);
    if (path === 'posts') await createPost({ title: name, body: 'B', pubDate: '', categoryId: category, authorId: '' });
    if (path === 'movies') await createMovie({ title: name, year: '', watched: false, rating: '', notes: '' });
  }
}

describe('the folds', () => {
  it('gives one unique key to every spelling of a name, however it was composed', () => {
    expect(foldCase('W\u030Aill')).toBe(foldCase('ẘill'));
    expect(foldCase('Zoe\u0308')).toBe(foldCase('ZOË'));
    expect(foldCase('Ann')).not.toBe(foldCase('Änn'));
  });

  it('drops accents and case for sorting and searching', () => {
    expect(foldForSort('Álvaro')).toBe('alvaro');
    expect(foldForSort('ÉMILE')).toBe(foldForSort('emile'));
    expect(foldForSort('W\u030Aill')).toBe('will');
    // Letters of their own, not a letter with a mark, stay themselves.
    expect(foldForSort('Øre straße')).toBe('øre straße');
  });

  it('sees text made only of invisible characters as blank', () => {
    for (const text of ['\u200B', '\u3164', '\u115F\u1160', '\uFFA0', '\u00AD', '\u2060\uFEFF', '\u200D\u200C', '\u2800', '\uFE0F', ' \u00A0\u3000']) {
      expect(isBlank(text), JSON.stringify(text)).toBe(true);
    }
    for (const text of ['a', '\u200Ba', '🌿', '・']) expect(isBlank(text), text).toBe(false);
  });
});

describe('lists sort and search names as people read them', () => {
  for (const path of ['users', 'categories', 'todos', 'posts', 'movies'] as const) {
    const model = models[path];
    it(`${path}: "Álvaro" sorts between "Alice" and "Bob", and "alv" finds it`, async () => {
      await fill(path, NAMES);
      const all = await listed(model);
      expect(all.filter((name) => name !== 'Home')).toEqual(IN_ORDER);
      expect(await listed(model, { search: 'alv' })).toEqual(['Álvaro']);
      expect(await listed(model, { search: 'ÁL' })).toEqual(['ALAN', 'Alice', 'Álvaro']);
      expect(await listed(model, { search: 'emi' })).toEqual(['Émile']);
      expect(await listed(model, { search: 'Ange' })).toEqual(['Ängel']);
    });
  }

  it('keeps a renamed to-do in its new place', async () => {
    await fill('todos', ['Bob', 'Carol']);
    const id = await addTodo('Zed');
    await renameTodo(id, 'Ávila');
    expect(await listed(models.todos)).toEqual(['Ávila', 'Bob', 'Carol']);
  });
});

describe('names unique ignoring case only', () => {
  it('refuses a username that is another spelling of one taken', async () => {
    await createUser({ username: 'W\u030Aill', email: '' });
    expect(await refusal(createUser({ username: 'ẘill', email: '' }))).toEqual({ username: 'That username is already taken' });
    const other = await createUser({ username: 'Will', email: '' });
    expect(await refusal(updateUser(other, { username: 'ẘILL', email: '' }))).toEqual({ username: 'That username is already taken' });
  });

  it('refuses a category name that is another spelling of one taken', async () => {
    await createCategory({ name: 'W\u030Aall' });
    expect(await refusal(createCategory({ name: 'ẘall' }))).toEqual({ name: 'That category name is already taken' });
  });

  it('keeps "Ann" and "Änn" as two people', async () => {
    await createUser({ username: 'Ann', email: '' });
    await createUser({ username: 'Änn', email: '' });
    expect(await listed(models.users)).toEqual(['Ann', 'Änn']);
  });
});

describe('a refused write with no clash to name', () => {
  it('is never called "already taken"', async () => {
    // As IndexedDB refuses an add once it can number no more rows.
    const refuse = () => {
      throw new Dexie.ConstraintError('Key generator exhausted');
    };
    for (const table of [db.users, db.categories]) table.hook('creating', refuse);
    try {
      const user = await createUser({ username: 'Ann', email: '' }).catch((error: unknown) => error);
      expect(user).not.toBeInstanceOf(ValidationError);
      expect(user).toBeInstanceOf(Dexie.ConstraintError);
      const category = await createCategory({ name: 'Home' }).catch((error: unknown) => error);
      expect(category).not.toBeInstanceOf(ValidationError);
      expect(category).toBeInstanceOf(Dexie.ConstraintError);
    } finally {
      for (const table of [db.users, db.categories]) table.hook('creating').unsubscribe(refuse);
    }
  });
});

describe('a name made only of invisible characters', () => {
  const invisible = '\u200B\u3164\u00AD';

  it('is refused as empty by every form, with the field’s own message', async () => {
    expect(await refusal(createUser({ username: invisible, email: '' }))).toEqual({ username: 'Username is required' });
    expect(await refusal(createCategory({ name: '\u115F\u1160' }))).toEqual({ name: 'Name is required' });
    expect(await refusal(addTodo('\uFFA0'))).toEqual({ title: 'Title is required' });
    const todo = { notes: '', dueDate: '', done: false, userId: '', categoryId: '' };
    expect(await refusal(createTodo({ title: invisible, ...todo }))).toEqual({ title: 'Title is required' });
    const category = String(await createCategory({ name: 'Home' }));
    expect(await refusal(createPost({ title: invisible, body: '\u2060', pubDate: '', categoryId: category, authorId: '' }))).toEqual({
      title: 'Title is required',
      body: 'Body is required',
    });
    expect(await refusal(createMovie({ title: invisible, year: '', watched: false, rating: '', notes: '' }))).toEqual({
      title: 'Title is required',
    });
  });
});
