import { describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/db';
import { watchQuery } from '../../src/lib/live.svelte';

/** Every answer a watched query gives, in order. */
function watch<T>(query: () => Promise<T>, readAtOnce: boolean) {
  const answers: T[] = [];
  const stop = watchQuery(query, { readAtOnce }, { next: (value) => answers.push(value), error: (error) => answers.push(error as T) });
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
    await db.todos.add({ title: 'Later', titleKey: 'later', done: 0, dueKey: '9999-12-31', createdAt: 1 } as never);
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
