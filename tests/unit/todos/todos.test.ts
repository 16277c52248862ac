import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../src/db/db';
import { NO_DUE_DATE } from '../../../src/db/models';
import { todosModel } from '../../../src/lib/todos/model';
import { deleteTodo, updateTodo } from '../../../src/lib/todos/mutations';
import { getTodo } from '../../../src/lib/todos/queries';
import { MissingRowError } from '../../../src/lib/errors';
import { addCategory, addTodoWith, addUser, refusal, todoInput } from './factories';
import { fixedId } from '../support';

// Only Date is faked: IndexedDB's own timers must keep running.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(1_000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('creating to-dos', () => {
  it('stores the trimmed fields with their index keys and timestamps', async () => {
    const id = await addTodoWith({ title: '  Buy Milk ', notes: ' semi-skimmed ', dueDate: '2025-03-04' });
    expect(await db.todos.get(id)).toEqual({
      id,
      title: 'Buy Milk',
      titleKey: 'buy milk',
      notes: 'semi-skimmed',
      dueDate: '2025-03-04',
      dueKey: '2025-03-04',
      done: 0,
      createdAt: 1_000,
      updatedAt: 1_000,
    });
  });

  it('leaves empty optional fields out, and keys an undated to-do to sort last', async () => {
    const todo = await db.todos.get(await addTodoWith());
    for (const field of ['notes', 'dueDate', 'userId', 'categoryId', 'completedAt']) expect(todo).not.toHaveProperty(field);
    expect(todo?.dueKey).toBe(NO_DUE_DATE);
  });

  it('records when a to-do created done was completed', async () => {
    const todo = await db.todos.get(await addTodoWith({ done: true }));
    expect(todo).toMatchObject({ done: 1, completedAt: 1_000 });
  });

  it('links an owner and a category that exist', async () => {
    const userId = await addUser('Ann');
    const categoryId = await addCategory('Garden');
    const id = await addTodoWith({ userId: userId, categoryId: categoryId });
    expect(await db.todos.get(id)).toMatchObject({ userId, categoryId });
  });

  it('refuses bad input without writing', async () => {
    expect(await refusal(addTodoWith({ title: ' ' }))).toEqual({ title: 'Title is required' });
    expect(await db.todos.count()).toBe(0);
  });

  it('refuses an owner or category that no longer exists, and writes nothing', async () => {
    expect(await refusal(addTodoWith({ userId: fixedId(41) }))).toEqual({ userId: 'That user no longer exists' });
    expect(await refusal(addTodoWith({ categoryId: fixedId(42) }))).toEqual({ categoryId: 'That category no longer exists' });
    expect(await refusal(addTodoWith({ userId: fixedId(41), categoryId: fixedId(42) }))).toEqual({
      userId: 'That user no longer exists',
      categoryId: 'That category no longer exists',
    });
    expect(await db.todos.count()).toBe(0);
  });
});

describe('editing to-dos', () => {
  it('replaces the fields, moves updatedAt and keeps id and createdAt', async () => {
    const id = await addTodoWith({ title: 'Buy milk', notes: 'two pints', dueDate: '2025-03-04' });
    vi.setSystemTime(2_000);
    await updateTodo(id, todoInput({ title: 'Buy oat milk' }));
    expect(await db.todos.get(id)).toEqual({
      id,
      title: 'Buy oat milk',
      titleKey: 'buy oat milk',
      done: 0,
      dueKey: NO_DUE_DATE,
      createdAt: 1_000,
      updatedAt: 2_000,
    });
  });

  it('sets completedAt when done, keeps it while it stays done, and removes it when undone', async () => {
    const id = await addTodoWith();
    vi.setSystemTime(2_000);
    await updateTodo(id, todoInput({ done: true }));
    expect(await db.todos.get(id)).toMatchObject({ done: 1, completedAt: 2_000 });

    vi.setSystemTime(3_000);
    await updateTodo(id, todoInput({ done: true, notes: 'done early' }));
    expect(await db.todos.get(id)).toMatchObject({ completedAt: 2_000, updatedAt: 3_000 });

    await updateTodo(id, todoInput({ done: false }));
    const todo = await db.todos.get(id);
    expect(todo?.done).toBe(0);
    expect(todo).not.toHaveProperty('completedAt');
  });

  it('refuses a category that no longer exists and leaves the to-do as it was', async () => {
    const id = await addTodoWith({ title: 'Prune roses' });
    const before = await db.todos.get(id);
    expect(await refusal(updateTodo(id, todoInput({ title: 'Prune', categoryId: fixedId(9) })))).toEqual({
      categoryId: 'That category no longer exists',
    });
    expect(await db.todos.get(id)).toEqual(before);
  });

  it('says when the to-do no longer exists', async () => {
    await expect(updateTodo(fixedId(404), todoInput())).rejects.toBeInstanceOf(MissingRowError);
    expect(await db.todos.count()).toBe(0);
  });
});

describe('reading and deleting one to-do', () => {
  it('gives the to-do with its owner and category', async () => {
    const userId = await addUser('Ann');
    const categoryId = await addCategory('Garden');
    const id = await addTodoWith({ userId: userId, categoryId: categoryId });
    const row = await getTodo(id);
    expect(row?.owner?.username).toBe('Ann');
    expect(row?.category?.name).toBe('Garden');
    expect(await todosModel.get(id)).toEqual(row);
  });

  it('gives nothing for an id that does not exist', async () => {
    expect(await todosModel.get(fixedId(404))).toBeUndefined();
  });

  it('deletes only that to-do', async () => {
    const first = await addTodoWith({ title: 'One' });
    await addTodoWith({ title: 'Two' });
    await deleteTodo(first);
    expect((await db.todos.toArray()).map((todo) => todo.title)).toEqual(['Two']);
  });

  it('round-trips a row through the form unchanged', async () => {
    const userId = await addUser('Ann');
    const input = todoInput({ title: 'Mow', notes: 'front', dueDate: '2025-06-01', done: true, userId });
    const row = await todosModel.get(await todosModel.create(input));
    expect(todosModel.toInput(row!)).toEqual(input);
  });
});
