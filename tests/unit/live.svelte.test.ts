import { describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/db';
import { Live, watchQuery } from '../../src/lib/live.svelte';
import { storedTodo } from '../../src/lib/stored-rows';
import { createUser } from '../../src/lib/users/mutations';
import { inEffectRoot } from './runes.svelte';

const usernameOf = async (id: string) => (await db.users.get(id))?.username;

describe('a live query', () => {
  it('loads, answers, then follows every change to what it read', async () => {
    const { value: live, stop } = inEffectRoot(() => new Live(() => undefined, () => db.users.count()));
    expect(live.loading).toBe(true);
    await vi.waitFor(() => expect(live.current).toBe(0));
    expect(live.loading).toBe(false);

    await createUser({ username: 'ann', email: '' });
    await vi.waitFor(() => expect(live.current).toBe(1));
    stop();
  });

  it('asks again when its inputs change', async () => {
    const ann = await createUser({ username: 'ann', email: '' });
    const bob = await createUser({ username: 'bob', email: '' });
    let id = $state(ann);
    const { value: live, stop } = inEffectRoot(() => new Live(() => id, usernameOf));
    await vi.waitFor(() => expect(live.current).toBe('ann'));

    id = bob;
    await vi.waitFor(() => expect(live.current).toBe('bob'));
    stop();
  });

  it('reports a failure, and clears it with the next answer', async () => {
    let fail = $state(true);
    const { value: live, stop } = inEffectRoot(
      () => new Live(() => fail, async (fail) => (fail ? Promise.reject(new Error('The disk said no')) : 'fine')),
    );
    await vi.waitFor(() => expect((live.error as Error | undefined)?.message).toBe('The disk said no'));
    expect(live.loading).toBe(false);

    fail = false;
    await vi.waitFor(() => expect(live.current).toBe('fine'));
    expect(live.error).toBeUndefined();
    stop();
  });

  it('stops following once its owner is gone', async () => {
    const query = vi.fn(() => db.users.count());
    const { value: live, stop } = inEffectRoot(() => new Live(() => undefined, query));
    await vi.waitFor(() => expect(live.current).toBe(0));
    stop();
    const reads = query.mock.calls.length;

    // Another watcher of the same table sees the change; by then a live one would have too.
    const seen: number[] = [];
    const unwatch = watchQuery(() => db.users.count(), {}, { next: (count) => seen.push(count), error: () => {} });
    await vi.waitFor(() => expect(seen).toEqual([0]));
    await createUser({ username: 'ann', email: '' });
    await vi.waitFor(() => expect(seen).toEqual([0, 1]));
    unwatch();

    expect(query).toHaveBeenCalledTimes(reads);
    expect(live.current).toBe(0);
  });
});

/** Every answer a watched query gives, in order. */
function watch<T>(query: () => Promise<T>, readAtOnce: boolean) {
  const answers: T[] = [];
  const stop = watchQuery(query, { first: readAtOnce ? query : undefined }, { next: (value) => answers.push(value), error: (error) => answers.push(error as T) });
  return { answers, stop };
}

describe('a watched query', () => {
  it('makes its first read from liveQuery’s timer', () => {
    const query = vi.fn(() => db.todos.count());
    const { stop } = watch(query, false);
    expect(query).not.toHaveBeenCalled();
    stop();
  });

  it('reads straight away when asked to, then follows changes through liveQuery', async () => {
    const query = vi.fn(() => db.todos.count());
    const { answers, stop } = watch(query, true);
    expect(query).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(answers).toContain(0));
    await db.todos.add(storedTodo({ title: 'Later', done: 0, createdAt: 1, updatedAt: 1 }));
    await vi.waitFor(() => expect(answers.at(-1)).toBe(1));
    stop();
  });

  it('never lets a late answer to the first read replace a newer one from liveQuery', async () => {
    let answerFirstRead: (value: string) => void = () => {};
    const query = vi
      .fn<() => Promise<string>>()
      .mockImplementationOnce(() => new Promise((resolve) => (answerFirstRead = resolve)))
      .mockImplementation(() => Promise.resolve('from liveQuery'));
    const { answers, stop } = watch(query, true);
    await vi.waitFor(() => expect(answers).toEqual(['from liveQuery']));
    answerFirstRead('read at once, late');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(answers).toEqual(['from liveQuery']);
    stop();
  });
});
