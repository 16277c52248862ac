import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Movie } from '../../src/db/models';
import { moviesModel } from '../../src/lib/movies/model';
import { createMovie } from '../../src/lib/movies/mutations';
import { RowsBrowser } from '../../src/lib/rows-browser.svelte';
import { db } from '../../src/db/db';
import { TendDB } from '../../src/db/schema';
import { setDone } from '../../src/lib/todos/mutations';
import { todosModel } from '../../src/lib/todos/model';
import type { TodoRow } from '../../src/lib/todos/queries';
import { updateUser } from '../../src/lib/users/mutations';
import { inEffectRoot } from './runes.svelte';
import { countReads, memoryStorage } from './support';
import { addCategory, addTodoWith, addUser } from './todos/factories';

async function addMovies(...titles: string[]) {
  for (const [i, title] of titles.entries()) {
    await createMovie({ ...moviesModel.emptyInput(), title, year: String(2000 + i), watched: title.startsWith('Seen') });
  }
}

function browse(options: ConstructorParameters<typeof RowsBrowser>[1] = {}) {
  return inEffectRoot(() => new RowsBrowser(moviesModel, { pageSize: 2, ...options }));
}

const titles = (browser: RowsBrowser) => (browser.page.current?.rows as Movie[] | undefined)?.map((movie) => movie.title);

let stop = () => {};
afterEach(() => {
  stop();
  vi.unstubAllGlobals();
});

describe('a list on screen', () => {
  it('shows the first page and the total, and pages forward, to the end, back and to the start', async () => {
    await addMovies('A', 'B', 'C', 'D', 'E');
    const list = browse();
    stop = list.stop;
    const browser = list.value;
    await vi.waitFor(() => expect(titles(browser)).toEqual(['A', 'B']));
    await vi.waitFor(() => expect(browser.total.current).toBe(5));
    expect(browser.page.current?.hasPrevious).toBe(false);

    browser.next();
    await vi.waitFor(() => expect(titles(browser)).toEqual(['C', 'D']));
    browser.last();
    await vi.waitFor(() => expect(titles(browser)).toEqual(['D', 'E']));
    expect(browser.page.current?.hasNext).toBe(false);
    browser.previous();
    await vi.waitFor(() => expect(titles(browser)).toEqual(['B', 'C']));
    browser.first();
    await vi.waitFor(() => expect(titles(browser)).toEqual(['A', 'B']));
  });

  it('follows rows added while it is shown', async () => {
    await addMovies('B', 'C');
    const list = browse();
    stop = list.stop;
    await vi.waitFor(() => expect(titles(list.value)).toEqual(['B', 'C']));
    await addMovies('A');
    await vi.waitFor(() => expect(titles(list.value)).toEqual(['A', 'B']));
    await vi.waitFor(() => expect(list.value.total.current).toBe(3));
  });

  it('starts again from the first page on a search', async () => {
    await addMovies('Alien', 'Aliens', 'Amélie', 'Brazil');
    const list = browse();
    stop = list.stop;
    const browser = list.value;
    await vi.waitFor(() => expect(titles(browser)).toEqual(['Alien', 'Aliens']));
    browser.next();
    await vi.waitFor(() => expect(titles(browser)).toEqual(['Amélie', 'Brazil']));
    browser.search('ALIEN');
    await vi.waitFor(() => expect(titles(browser)).toEqual(['Alien', 'Aliens']));
    expect(browser.page.current?.hasPrevious).toBe(false);
    await vi.waitFor(() => expect(browser.total.current).toBe(2));
  });

  it('sorts by a column, and reverses when the same column is chosen again', async () => {
    await addMovies('A', 'B', 'C');
    const list = browse();
    stop = list.stop;
    const browser = list.value;
    await vi.waitFor(() => expect(titles(browser)).toEqual(['A', 'B']));
    browser.sortBy('title');
    await vi.waitFor(() => expect(titles(browser)).toEqual(['C', 'B']));
    // Years are newest first by default: C is 2002.
    browser.sortBy('year');
    await vi.waitFor(() => expect(titles(browser)).toEqual(['C', 'B']));
    browser.sortBy('year');
    await vi.waitFor(() => expect(titles(browser)).toEqual(['A', 'B']));
  });

  it('filters, and remembers the filter for the next time the same list is shown', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    await addMovies('Seen one', 'To see', 'Seen two');
    const list = browse();
    list.value.filter('watched');
    await vi.waitFor(() => expect(titles(list.value)).toEqual(['Seen one', 'Seen two']));
    list.stop();

    const again = browse();
    stop = again.stop;
    expect(again.value.query.filter).toBe('watched');
    await vi.waitFor(() => expect(titles(again.value)).toEqual(['Seen one', 'Seen two']));

    // A list scoped to a parent keeps its own.
    const scoped = inEffectRoot(() => new RowsBrowser(moviesModel, { scope: { field: 'watched', value: 0 } }));
    expect(scoped.value.query.filter).toBeUndefined();
    scoped.stop();
  });

  it('leaves the total uncounted when asked to', async () => {
    await addMovies('A');
    const list = browse({ counted: false });
    stop = list.stop;
    await vi.waitFor(() => expect(titles(list.value)).toEqual(['A']));
    await vi.waitFor(() => expect(list.value.total.loading).toBe(false));
    expect(list.value.total.current).toBeUndefined();
  });
});

describe('a to-do list on screen', () => {
  const owners = (browser: RowsBrowser) => (browser.page.current?.rows as TodoRow[] | undefined)?.map((todo) => todo.owner?.username);

  async function listWithOwners() {
    const ann = await addUser('Ann');
    const house = await addCategory('House');
    for (const title of ['Sweep', 'Mop']) await addTodoWith({ title, userId: ann, categoryId: house });
    const list = inEffectRoot(() => new RowsBrowser(todosModel, { counted: false }));
    stop = list.stop;
    await vi.waitFor(() => expect(owners(list.value)).toEqual(['Ann', 'Ann']));
    return { browser: list.value, ann };
  }

  it('keeps its rows’ owners and categories between reads of its page: a toggle reads the page only', async () => {
    const { browser } = await listWithOwners();
    const reads = await countReads();
    try {
      const first = (browser.page.current!.rows as TodoRow[])[0]!;
      await setDone(first.id, true);
      await vi.waitFor(() => expect((browser.page.current!.rows as TodoRow[])[0]!.done).toBe(1));
      expect(reads.count('todos.query')).toBeGreaterThan(0);
      expect(reads.count('users.getMany') + reads.count('categories.getMany')).toBe(0);
    } finally {
      await reads.stop();
    }
  });

  it('keeps the objects of the rows a re-read did not change, so that only the changed row is drawn again', async () => {
    const { browser } = await listWithOwners();
    const [first, second] = browser.page.current!.rows as TodoRow[];
    await setDone(first!.id, true);
    await vi.waitFor(() => expect((browser.page.current!.rows as TodoRow[])[0]!.done).toBe(1));
    const [firstAfter, secondAfter] = browser.page.current!.rows as TodoRow[];
    expect(firstAfter).not.toBe(first);
    expect(secondAfter).toBe(second);
  });

  it('shows an owner’s new name at once, whether changed here or in another tab', async () => {
    const { browser, ann } = await listWithOwners();
    // After a read of the page that took its owners from those kept, its live query no longer
    // reads them: a change of one must still reach the screen.
    const toggle = async () => {
      const first = (browser.page.current!.rows as TodoRow[])[0]!;
      await setDone(first.id, first.done !== 1);
      await vi.waitFor(() => expect((browser.page.current!.rows as TodoRow[])[0]!.done).not.toBe(first.done));
    };
    await toggle();
    await updateUser(ann, { username: 'Annie', email: '' });
    await vi.waitFor(() => expect(owners(browser)).toEqual(['Annie', 'Annie']));
    await toggle();
    const otherTab = new TendDB(db.name);
    await otherTab.open();
    try {
      await otherTab.users.update(ann, { username: 'Anna' });
      await vi.waitFor(() => expect(owners(browser)).toEqual(['Anna', 'Anna']));
    } finally {
      otherTab.close();
    }
  });
});
