import { untrack } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Todo } from '../../../src/db/models';
import { RowsBrowser } from '../../../src/lib/rows-browser.svelte';
import { liveTodoCounts } from '../../../src/lib/todos/counts.svelte';
import { todosModel } from '../../../src/lib/todos/model';
import { setDone } from '../../../src/lib/todos/mutations';
import { inEffectRoot } from '../runes.svelte';
import { addTodoWith } from './factories';

let stop = () => {};
afterEach(() => stop());

describe('the to-do list’s live counts', () => {
  it('follow a toggle only once the page shows it, so the row is not drawn after the footer', async () => {
    const first = await addTodoWith({ title: 'Dig', dueDate: '2030-01-01' });
    await addTodoWith({ title: 'Sow', dueDate: '2030-01-02' });
    // The page's reads, held until let through (the counts' one key read comes back first).
    let release = () => {};
    let held = Promise.resolve();
    const model = {
      ...todosModel,
      page: async (...args: Parameters<typeof todosModel.page>) => {
        const page = await todosModel.page(...args);
        await held;
        return page;
      },
    };
    // What the page showed for the toggled row each time the counts changed.
    const seen: string[] = [];
    const list = inEffectRoot(() => {
      const browser = new RowsBrowser(model, { counted: false });
      const counts = liveTodoCounts(browser, () => browser.page.current !== undefined);
      $effect(() => {
        const left = counts.current?.left;
        if (left === undefined) return;
        const row = untrack(() => (browser.page.current?.rows as Todo[] | undefined)?.find((todo) => todo.id === first));
        const now = `${left} left, Dig ${row?.done === 1 ? 'done' : 'not done'}`;
        if (seen.at(-1) !== now) seen.push(now);
      });
      return browser;
    });
    stop = list.stop;
    await vi.waitFor(() => expect(seen).toEqual(['2 left, Dig not done']));
    held = new Promise((resolve) => (release = resolve));
    await setDone(first, true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(['2 left, Dig not done']);
    release();
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]).toBe('1 left, Dig done');
  });
});
