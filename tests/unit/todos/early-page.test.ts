import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { openAsItIs } from '../../../src/db/raw';
import type { ListQuery } from '../../../src/lib/crud';
import { orderingFor, PAGE_SIZE } from '../../../src/lib/paging';
import { readFirstTodoPage } from '../../../src/lib/todos/early-page';
import { todosModel } from '../../../src/lib/todos/model';
import { todoCounts } from '../../../src/lib/todos/queries';
import { addCategory, addTodoWith, addUser } from './factories';

/** To-dos that tie on every sort key the list offers, some done, with and without links. */
async function seed(count: number) {
  const ann = await addUser('ann');
  const ben = await addUser('ben');
  const garden = await addCategory('Garden');
  for (let i = 0; i < count; i++) {
    await addTodoWith({
      // Three titles and three due dates (one of them none): many rows tie on each key.
      title: ['Water', 'water', 'Weed'][i % 3]!,
      dueDate: ['', '2025-03-01', '2025-01-15'][i % 4 % 3]!,
      done: i % 5 === 0,
      userId: i % 2 === 0 ? ann : i % 3 === 0 ? ben : '',
      categoryId: i % 4 === 0 ? garden : '',
    });
  }
  // A link to a row deleted meanwhile shows nothing, in both reads.
  await db.users.delete(ben);
}

/** Each list the to-do list can show at the top, read by Dexie and by the start's plain read. */
async function bothReads(query: ListQuery, size: number) {
  const ordering = orderingFor(todosModel.listing, query);
  const raw = await openAsItIs(db.name);
  try {
    const early = await readFirstTodoPage(raw!, ordering, size);
    return { early: early.page, earlyCounts: early.counts, dexie: await todosModel.page(ordering, { at: 'first' }, size), dexieCounts: await todoCounts() };
  } finally {
    raw!.close();
  }
}

const queries: ListQuery[] = [
  {},
  { filter: 'active' },
  { filter: 'completed' },
  { sort: 'title' },
  { sort: 'due', descending: true },
  { sort: 'title', descending: true, filter: 'active' },
  { search: 'wa' },
  { search: 'W', filter: 'completed', descending: true },
];

describe('the to-do list’s first page read at start, before Dexie', () => {
  for (const query of queries) {
    it(`is the page Dexie reads, ties included: ${JSON.stringify(query)}`, async () => {
      await seed(70);
      for (const size of [PAGE_SIZE, 7]) {
        const { early, dexie, earlyCounts, dexieCounts } = await bothReads(query, size);
        expect(dexie.rows.length).toBeGreaterThan(0);
        expect(early).toEqual(dexie);
        expect(earlyCounts).toEqual(dexieCounts);
      }
    });
  }

  it('is the same when the list is empty', async () => {
    const { early, dexie, earlyCounts } = await bothReads({}, PAGE_SIZE);
    expect(early).toEqual(dexie);
    expect(early.rows).toEqual([]);
    expect(earlyCounts).toEqual({ left: 0, completed: 0 });
  });
});
