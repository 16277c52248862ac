import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import type { ListQuery } from '../../../src/lib/crud';
import { orderingFor } from '../../../src/lib/paging';
import { todosModel } from '../../../src/lib/todos/model';
import { setDone } from '../../../src/lib/todos/mutations';
import { countReads } from '../support';
import { addCategory, addTodoWith, addUser } from './factories';

async function titlesFor(query: ListQuery, size = 50) {
  const page = await todosModel.page(orderingFor(todosModel.listing, query), { at: 'first' }, size);
  return page.rows.map((todo) => todo.title);
}

/** Adds to-dos in this order and ticks the ones listed as done. */
async function seed(todos: { title: string; dueDate?: string; done?: boolean }[]) {
  for (const todo of todos) await addTodoWith({ title: todo.title, dueDate: todo.dueDate ?? '', done: todo.done ?? false });
}

describe('the to-do list', () => {
  it('is ordered by due date, then by when each was added, with undated to-dos last', async () => {
    await seed([
      { title: 'Undated first' },
      { title: 'Due in June', dueDate: '2025-06-01' },
      { title: 'Due in March', dueDate: '2025-03-01' },
      { title: 'Undated second' },
      { title: 'Also due in March', dueDate: '2025-03-01' },
    ]);
    expect(await titlesFor({})).toEqual(['Due in March', 'Also due in March', 'Due in June', 'Undated first', 'Undated second']);
  });

  it('sorts by title ignoring case, and reverses', async () => {
    await seed([{ title: 'banana' }, { title: 'Apple' }, { title: 'cherry' }]);
    expect(await titlesFor({ sort: 'title' })).toEqual(['Apple', 'banana', 'cherry']);
    expect(await titlesFor({ sort: 'title', descending: true })).toEqual(['cherry', 'banana', 'Apple']);
  });

  it('shows all, only active, or only completed to-dos', async () => {
    await seed([
      { title: 'Active one', dueDate: '2025-01-02' },
      { title: 'Done one', dueDate: '2025-01-01', done: true },
      { title: 'Active two' },
    ]);
    expect(await titlesFor({})).toEqual(['Done one', 'Active one', 'Active two']);
    expect(await titlesFor({ filter: 'active' })).toEqual(['Active one', 'Active two']);
    expect(await titlesFor({ filter: 'completed' })).toEqual(['Done one']);
    expect(await todosModel.count(orderingFor(todosModel.listing, { filter: 'active' }))).toBe(2);
  });

  it('finds to-dos whose title starts with the search, ignoring case', async () => {
    await seed([{ title: 'Buy milk' }, { title: 'buy bread' }, { title: 'Bake bread' }, { title: 'Call mum about buying' }]);
    expect(await titlesFor({ search: 'BU' })).toEqual(['buy bread', 'Buy milk']);
    expect(await titlesFor({ search: '  buy m ' })).toEqual(['Buy milk']);
    expect(await titlesFor({ search: 'zzz' })).toEqual([]);
  });

  it('combines a search with a filter', async () => {
    await seed([{ title: 'Buy milk', done: true }, { title: 'buy bread' }, { title: 'Bake bread' }]);
    expect(await titlesFor({ search: 'bu', filter: 'active' })).toEqual(['buy bread']);
    expect(await titlesFor({ search: 'bu', filter: 'completed' })).toEqual(['Buy milk']);
  });

  it('follows a to-do to the other filter when it is ticked', async () => {
    await seed([{ title: 'Sweep' }]);
    const [todo] = await db.todos.toArray();
    await setDone(todo!.id, true);
    expect(await titlesFor({ filter: 'active' })).toEqual([]);
    expect(await titlesFor({ filter: 'completed' })).toEqual(['Sweep']);
  });

  it('is served by an index for every sort, filter and search the list offers', async () => {
    await seed([{ title: 'Sweep', dueDate: '2025-01-01' }]);
    const filters = [undefined, ...(todosModel.listing.filters ?? []).map((filter) => filter.name)];
    for (const filter of filters) {
      for (const sort of todosModel.listing.sorts) {
        // Dexie refuses an ordering whose compound index is not declared.
        await expect(titlesFor({ filter, sort: sort.name })).resolves.toHaveLength(filter === 'completed' ? 0 : 1);
      }
      await expect(titlesFor({ filter, search: 'sw' })).resolves.toHaveLength(filter === 'completed' ? 0 : 1);
    }
  });
});

describe('owners and categories on a page of to-dos', () => {
  it('are loaded with one read per table for the whole page, never one per row', async () => {
    const users = [await addUser('Ann'), await addUser('Bob'), await addUser('Cy')];
    const categories = [await addCategory('Garden'), await addCategory('House')];
    for (let i = 0; i < 25; i++) {
      // Every third to-do has no owner, every fifth no category: missing links are fine too.
      await addTodoWith({
        title: `Chore ${i}`,
        userId: i % 3 === 0 ? '' : users[i % users.length]!,
        categoryId: i % 5 === 0 ? '' : categories[i % categories.length]!,
      });
    }
    const counter = await countReads();

    const page = await todosModel.page(orderingFor(todosModel.listing, {}), { at: 'first' }, 20);

    expect(page.rows).toHaveLength(20);
    expect(counter.count('users.getMany')).toBe(1);
    expect(counter.count('categories.getMany')).toBe(1);
    expect(counter.reads.filter((read) => read.endsWith('.get'))).toEqual([]);
    await counter.stop();
    const chore1 = page.rows.find((todo) => todo.title === 'Chore 1');
    expect(chore1?.owner?.username).toBe('Bob');
    expect(chore1?.category?.name).toBe('House');
    const chore0 = page.rows.find((todo) => todo.title === 'Chore 0');
    expect(chore0).not.toHaveProperty('owner');
    expect(chore0).not.toHaveProperty('category');
  });
});

describe('the list columns', () => {
  it('show the owner and category by name, linked to them', async () => {
    const userId = await addUser('Ann');
    const categoryId = await addCategory('Garden');
    await addTodoWith({ title: 'Weed', dueDate: '2025-03-04', userId: userId, categoryId: categoryId });
    const [row] = (await todosModel.page(orderingFor(todosModel.listing, {}), { at: 'first' }, 1)).rows;
    const cells = todosModel.columns.map((column) => [column.label, column.value(row!), column.link?.(row!)]);
    expect(cells).toEqual([
      ['Title', 'Weed', undefined],
      ['Due', '4 Mar 2025', undefined],
      ['Owner', 'Ann', `/users/${userId}`],
      ['Category', 'Garden', `/categories/${categoryId}`],
    ]);
  });
});
