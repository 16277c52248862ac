import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../src/db/db';
import { categoriesModel } from '../../../src/lib/categories/model';
import { createCategory, deleteCategory } from '../../../src/lib/categories/mutations';
import { storedPost, storedTodo } from '../../../src/lib/stored-rows';
import { fixedId, refusal } from '../support';

async function addPosts(categoryId: string, count: number) {
  const posts = Array.from({ length: count }, (_, i) => storedPost({ title: `p${i}`, body: 'b', pubDate: i, categoryId }));
  await db.posts.bulkAdd(posts);
}

async function addTodos(categoryId: string, count: number) {
  const todos = Array.from({ length: count }, (_, i) =>
    storedTodo({ title: `t${i}`, done: 0, categoryId, createdAt: i, updatedAt: i }),
  );
  await db.todos.bulkAdd(todos);
}

/** Garden with 3 posts and 2 to-dos, and an empty Bills to move them to. */
async function seed() {
  const garden = await createCategory({ name: 'Garden' });
  const bills = await createCategory({ name: 'Bills' });
  await addPosts(garden, 3);
  await addTodos(garden, 2);
  return { garden, bills };
}

/** Every row of the three tables a category deletion touches. */
async function everything() {
  return { categories: await db.categories.toArray(), posts: await db.posts.toArray(), todos: await db.todos.toArray() };
}

const categoryIds = async (table: 'posts' | 'todos') => (await db[table].toArray()).map((row) => row.categoryId);


afterEach(() => {
  vi.restoreAllMocks();
});

describe('what deleting a category would affect', () => {
  it('counts its posts and to-dos, in words', async () => {
    const { garden, bills } = await seed();
    expect(await categoriesModel.deletion?.dependents(garden)).toEqual([
      { model: 'posts', label: '3 posts', count: 3 },
      { model: 'todos', label: '2 to-dos', count: 2 },
    ]);
    await addTodos(bills, 1);
    expect(await categoriesModel.deletion?.dependents(bills)).toEqual([{ model: 'todos', label: '1 to-do', count: 1 }]);
  });

  it('offers to keep to-dos without a category only when no post depends on it', async () => {
    const { garden, bills } = await seed();
    await addTodos(bills, 1);
    const unlink = categoriesModel.deletion?.options.find((option) => option.kind === 'unlink');
    expect(unlink?.when?.((await categoriesModel.deletion?.dependents(garden)) ?? [])).toBe(false);
    expect(unlink?.when?.((await categoriesModel.deletion?.dependents(bills)) ?? [])).toBe(true);
  });

  it('lists nothing for an empty category', async () => {
    const { bills } = await seed();
    expect(await categoriesModel.deletion?.dependents(bills)).toEqual([]);
  });

  it('offers to move them elsewhere first, to any category but this one', async () => {
    const { garden, bills } = await seed();
    const [move] = categoriesModel.deletion?.options ?? [];
    expect(move?.kind).toBe('move');
    expect(await move?.target?.choices(garden)).toEqual([{ value: bills, label: 'Bills' }]);
  });
});

describe('deleting a category', () => {
  it('moves its posts and to-dos to another category', async () => {
    const { garden, bills } = await seed();
    await deleteCategory(garden, { kind: 'move', targetId: bills });
    expect(await db.categories.get(garden)).toBeUndefined();
    expect(await categoryIds('posts')).toEqual([bills, bills, bills]);
    expect(await categoryIds('todos')).toEqual([bills, bills]);
  });

  it('deletes its posts and to-dos too, leaving other categories’ rows alone', async () => {
    const { garden, bills } = await seed();
    await addPosts(bills, 1);
    await deleteCategory(garden, { kind: 'cascade' });
    expect(await db.categories.get(garden)).toBeUndefined();
    expect(await categoryIds('posts')).toEqual([bills]);
    expect(await db.todos.count()).toBe(0);
  });

  it('keeps its to-dos without a category when it has no posts', async () => {
    const { bills } = await seed();
    await addTodos(bills, 2);
    await deleteCategory(bills, { kind: 'unlink' });
    expect(await db.categories.get(bills)).toBeUndefined();
    const todos = await db.todos.toArray();
    expect(todos.filter((todo) => !('categoryId' in todo))).toHaveLength(2);
  });

  it('refuses to unlink while it has posts, and changes nothing', async () => {
    const { garden } = await seed();
    const before = await everything();
    expect(await refusal(deleteCategory(garden, { kind: 'unlink' }))).toEqual({
      choice: 'Posts need a category: move them or delete them',
    });
    expect(await everything()).toEqual(before);
  });

  it('refuses to move without a target, to itself or to a missing category, and changes nothing', async () => {
    const { garden } = await seed();
    const before = await everything();
    for (const targetId of [undefined, garden, fixedId(404), 'not an id', '']) {
      const choice = { kind: 'move' as const, targetId };
      expect(await refusal(deleteCategory(garden, choice))).toEqual({ choice: 'Choose the category to move them to' });
    }
    // The delete screen may call without a choice: the default is moving, which needs a target.
    expect(await refusal(deleteCategory(garden))).toEqual({ choice: 'Choose the category to move them to' });
    expect(await everything()).toEqual(before);
  });

  it('simply deletes an empty category, whatever the choice', async () => {
    const { bills } = await seed();
    await deleteCategory(bills);
    expect(await db.categories.get(bills)).toBeUndefined();
    const again = await createCategory({ name: 'Bills' });
    await deleteCategory(again, { kind: 'unlink' });
    expect(await db.categories.count()).toBe(1);
  });
});

describe('a failed category deletion is rolled back whole', () => {
  it('undoes moved posts and to-dos when deleting the category itself fails', async () => {
    const { garden, bills } = await seed();
    const before = await everything();
    vi.spyOn(db.categories, 'delete').mockRejectedValue(new Error('disk full'));
    await expect(deleteCategory(garden, { kind: 'move', targetId: bills })).rejects.toThrow('disk full');
    vi.restoreAllMocks();
    expect(await everything()).toEqual(before);
  });

  it('restores deleted posts when deleting the to-dos fails', async () => {
    const { garden } = await seed();
    const before = await everything();
    const fail = () => {
      throw new Error('disk full');
    };
    db.todos.hook('deleting', fail);
    try {
      await expect(deleteCategory(garden, { kind: 'cascade' })).rejects.toThrow('disk full');
    } finally {
      db.todos.hook('deleting').unsubscribe(fail);
    }
    expect(await everything()).toEqual(before);
  });
});
