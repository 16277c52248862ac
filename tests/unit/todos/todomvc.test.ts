import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../src/db/db';
import { NO_DUE_DATE } from '../../../src/db/models';
import {
  addTodo,
  clearCompleted,
  markAllActive,
  markAllDone,
  renameTodo,
  setDone,
} from '../../../src/lib/todos/mutations';
import { todoCounts } from '../../../src/lib/todos/queries';
import { itemsLeftLabel } from '../../../src/lib/todos/listing';
import { todosModel } from '../../../src/lib/todos/model';
import { orderingFor } from '../../../src/lib/paging';
import { MissingRowError } from '../../../src/lib/errors';
import { countReads, fixedId } from '../support';
import { addCategory, addTodoWith, addUser, refusal } from './factories';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(1_000);
});
afterEach(() => {
  vi.useRealTimers();
});

const doneFlags = async () => (await db.todos.orderBy('id').toArray()).map((todo) => todo.done);

describe('adding by typing a title and pressing Enter', () => {
  it('stores an active, undated to-do with the trimmed title', async () => {
    const id = await addTodo('  Feed the cat ');
    expect(await db.todos.get(id)).toEqual({
      id,
      title: 'Feed the cat',
      titleKey: 'feed the cat',
      done: 0,
      dueKey: NO_DUE_DATE,
      createdAt: 1_000,
      updatedAt: 1_000,
    });
  });

  it('refuses an empty title', async () => {
    expect(await refusal(addTodo('   '))).toEqual({ title: 'Title is required' });
    expect(await db.todos.count()).toBe(0);
  });
});

describe('ticking one to-do', () => {
  it('marks it done with completedAt, and active again without', async () => {
    const id = await addTodo('Feed the cat');
    vi.setSystemTime(2_000);
    await setDone(id, true);
    expect(await db.todos.get(id)).toMatchObject({ done: 1, completedAt: 2_000, updatedAt: 2_000 });
    vi.setSystemTime(3_000);
    await setDone(id, false);
    const todo = await db.todos.get(id);
    expect(todo).toMatchObject({ done: 0, updatedAt: 3_000 });
    expect(todo).not.toHaveProperty('completedAt');
  });

  it('changes nothing when it is already in that state', async () => {
    const id = await addTodo('Feed the cat');
    await setDone(id, true);
    vi.setSystemTime(5_000);
    await setDone(id, true);
    expect(await db.todos.get(id)).toMatchObject({ completedAt: 1_000, updatedAt: 1_000 });
  });

  it('says when the to-do is gone', async () => {
    await expect(setDone(fixedId(404), true)).rejects.toBeInstanceOf(MissingRowError);
  });
});

describe('editing a title in place', () => {
  it('renames with the folded key and a new updatedAt', async () => {
    const id = await addTodo('Feed the cat');
    vi.setSystemTime(2_000);
    await renameTodo(id, ' Feed The Dog ');
    expect(await db.todos.get(id)).toMatchObject({ title: 'Feed The Dog', titleKey: 'feed the dog', updatedAt: 2_000 });
  });

  it('refuses an emptied title, so the view can offer to delete instead', async () => {
    const id = await addTodo('Feed the cat');
    expect(await refusal(renameTodo(id, ''))).toEqual({ title: 'Title is required' });
    expect((await db.todos.get(id))?.title).toBe('Feed the cat');
  });

  it('says when the to-do is gone', async () => {
    await expect(renameTodo(fixedId(404), 'Anything')).rejects.toBeInstanceOf(MissingRowError);
  });
});

describe('mark all done and mark all active', () => {
  it('ticks every active to-do and leaves finished ones as they were', async () => {
    await addTodo('One');
    const earlier = await addTodoWith({ title: 'Two', done: true });
    await addTodoWith({ title: 'Three', dueDate: '2025-01-01' });
    vi.setSystemTime(2_000);
    expect(await markAllDone()).toBe(2);
    expect(await doneFlags()).toEqual([1, 1, 1]);
    expect(await db.todos.get(earlier)).toMatchObject({ completedAt: 1_000, updatedAt: 1_000 });
    expect((await db.todos.toArray()).filter((todo) => todo.completedAt === 2_000)).toHaveLength(2);
  });

  it('unticks every to-do when all are done, removing completedAt', async () => {
    await addTodoWith({ title: 'One', done: true });
    await addTodoWith({ title: 'Two', done: true });
    expect(await markAllActive()).toBe(2);
    const todos = await db.todos.toArray();
    expect(todos.map((todo) => todo.done)).toEqual([0, 0]);
    expect(todos.some((todo) => 'completedAt' in todo)).toBe(false);
  });

  it('does nothing on an empty list', async () => {
    expect(await markAllDone()).toBe(0);
    expect(await markAllActive()).toBe(0);
  });
});

describe('clear completed', () => {
  it('deletes every finished to-do, keeps the rest, and says how many went', async () => {
    await addTodo('Keep me');
    await addTodoWith({ title: 'Done A', done: true });
    await addTodoWith({ title: 'Done B', done: true, dueDate: '2025-01-01' });
    expect(await clearCompleted()).toBe(2);
    expect((await db.todos.toArray()).map((todo) => todo.title)).toEqual(['Keep me']);
    expect(await clearCompleted()).toBe(0);
  });
});

describe('the items-left counter', () => {
  it('counts active and completed to-dos', async () => {
    expect(await todoCounts()).toEqual({ left: 0, completed: 0 });
    await addTodo('One');
    await addTodo('Two');
    await addTodoWith({ title: 'Three', done: true });
    expect(await todoCounts()).toEqual({ left: 2, completed: 1 });
    await markAllDone();
    expect(await todoCounts()).toEqual({ left: 0, completed: 3 });
  });

  it('says item for one and items otherwise', () => {
    expect(itemsLeftLabel(0)).toBe('0 items left');
    expect(itemsLeftLabel(1)).toBe('1 item left');
    expect(itemsLeftLabel(2)).toBe('2 items left');
  });
});

describe('the to-do screen after a toggle', () => {
  it('follows a toggle with the list’s page and one get of the counts row, never counting the index', async () => {
    vi.useRealTimers();
    const userId = await addUser('Ann');
    const categoryId = await addCategory('House');
    const id = await addTodoWith({ title: 'Feed the cat', userId: userId, categoryId: categoryId });
    await addTodoWith({ title: 'Water the plants', userId: userId });
    const log = await countReads();
    const values: Record<string, unknown> = {};
    const watch = (name: string, query: () => Promise<unknown>) => {
      let answered: () => void = () => {};
      const first = new Promise<void>((resolve) => (answered = resolve));
      const subscription = liveQuery(query).subscribe({
        next: (value) => {
          values[name] = value;
          answered();
        },
      });
      return { first, stop: () => subscription.unsubscribe() };
    };
    // As TodoList starts them: the page first, the counts once it is shown.
    const ordering = orderingFor(todosModel.listing, {});
    const page = watch('page', () => todosModel.page(ordering, { at: 'first' }, 50));
    await page.first;
    const counts = watch('counts', todoCounts);
    await counts.first;
    expect(values).toMatchObject({ counts: { left: 2, completed: 0 } });
    const before = log.reads.length;

    await setDone(id, true);
    await vi.waitFor(() => expect(values).toMatchObject({ counts: { left: 1, completed: 1 } }));
    // The log is newest first, each read recorded as it completes.
    const since = log.reads.slice(0, log.reads.length - before).reverse();
    // The toggle's own read of its row, the page and its names, and the counts row, in whichever order.
    expect(since.filter((read) => !read.endsWith('.put')).sort()).toEqual([
      'categories.getMany',
      'counts.get',
      'todos.get',
      'todos.query',
      'users.getMany',
    ]);
    for (const watched of [page, counts]) watched.stop();
    await log.stop();
  });
});
