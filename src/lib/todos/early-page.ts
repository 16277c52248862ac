// The to-do list's first page, read at start in plain IndexedDB, before Dexie is loaded or has
// opened the database: the list draws its first rows from it as soon as it mounts, and Dexie's
// live query then takes over with the same rows. Runs in the start's own script, with the early
// look at the version (startScript in vite.config.ts), so the read overlaps the app's code loading.
import { COUNTS_TABLE, TODO_COUNTS_KEY, type Category, type Todo, type TodoCounts, type User } from '../../db/models';
import { readOnDisk } from '../../db/early-look';
import { endPageOf, orderingFor, PAGE_SIZE, type Ordering, type Page } from '../paging';
import { listFilterKey, loadPreference } from '../preferences';
import { appPath } from '../href';
import { afterFirstScreenShows, drawFirstScreen } from './first-screen';
import { todosListing, withLinks } from './listing';
import type { ItemCounts, TodoRow } from './queries';

/**
 * The first page as the list asks for it: its remembered filter, the default order, 50 rows,
 * with owners and categories, and the kept counts, in one read-only transaction. The same
 * ordering, index range, direction and limit as Dexie's read (src/lib/paging.ts describes
 * both), and the same rows.
 */
export function readFirstTodoPage(db: IDBDatabase, ordering: Ordering, size: number): Promise<{ page: Page<TodoRow>; counts: ItemCounts }> {
  const tx = db.transaction(['todos', 'users', 'categories', COUNTS_TABLE], 'readonly');
  const counts = byId<TodoCounts>(tx.objectStore(COUNTS_TABLE), [TODO_COUNTS_KEY]).then((found) => {
    const row = found.get(TODO_COUNTS_KEY);
    return { left: row?.active ?? 0, completed: row?.completed ?? 0 };
  });
  const page = endPageOf<Todo>(tx.objectStore('todos'), ordering, { at: 'first' }, size).then(async (page) => {
    const [owners, categories] = await Promise.all([
      byId<User>(tx.objectStore('users'), page.rows.map((todo) => todo.userId)),
      byId<Category>(tx.objectStore('categories'), page.rows.map((todo) => todo.categoryId)),
    ]);
    return { ...page, rows: page.rows.map((todo) => withLinks(todo, owners, categories)) };
  });
  return Promise.all([page, counts]).then(([page, counts]) => ({ page, counts }));
}

function byId<Row extends object>(store: IDBObjectStore, ids: (string | undefined)[]): Promise<Map<string, Row>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
  const found = new Map<string, Row>();
  const reads = wanted.map(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const request = store.get(id);
        request.onsuccess = () => {
          const row = request.result as Row | undefined;
          if (row) found.set(id, row);
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );
  return Promise.all(reads).then(() => found);
}

/** Whether an address within the app (`/`, `/todos`) is the to-do list, the start screen. */
export function isTodoListPath(path: string): boolean {
  return ['/', '/todos', '/todos/'].includes(path);
}

/** Whether this page is the to-do list, under the deploy base. */
function onTodoList(): boolean {
  return typeof location !== 'undefined' && location.pathname.startsWith(import.meta.env.BASE_URL) && isTodoListPath(appPath(location.pathname));
}

interface EarlyPage {
  ordering: Ordering;
  page: Page<TodoRow>;
  counts: ItemCounts;
}

/**
 * Read only on the to-do list's address, and only when the database on disk is at this code's
 * version: anything else (an upgrade to make, a newer database, none at all) is left to Dexie.
 * Settles once the page's picture (first-screen.ts) has shown: the app's own work comes after.
 */
const earlyPage: Promise<EarlyPage | undefined> = readOnDisk((db, version) => {
  if (version !== __TEND_SCHEMA_VERSION__ || !onTodoList()) return undefined;
  const filter = loadPreference(listFilterKey('todos'));
  const ordering = orderingFor(todosListing, { filter });
  return readFirstTodoPage(db, ordering, PAGE_SIZE).then(async ({ page, counts }) => {
    drawFirstScreen({ page, filter, counts });
    await afterFirstScreenShows();
    return { ordering, page, counts };
  });
});
const reading = earlyPage.then((early) => early !== undefined);

/** Whether the start has read the first page (and so found the database at this code's version). */
export function hasEarlyPage(): Promise<boolean> {
  return reading;
}

/**
 * Settles once the first page has been read and shown, or will not be: the data layer (Dexie)
 * loads after that, so that compiling it does not hold up the read's callbacks on the page's
 * one thread.
 */
export const earlyPageDone: Promise<unknown> = onTodoList() ? earlyPage : Promise.resolve();

let taken = false;

/**
 * The early page, for the first list that asks for exactly that page; once only, since later
 * the database may have changed. Undefined when the start read none, or another page.
 */
export function takeEarlyPage(path: string, ordering: Ordering, size: number): Promise<Page<TodoRow> | undefined> {
  if (taken || path !== 'todos' || size !== PAGE_SIZE) return Promise.resolve(undefined);
  taken = true;
  return earlyPage.then((early) => (early && sameOrdering(early.ordering, ordering) ? early.page : undefined));
}

let countsTaken = false;

/** The counts read with the early page, for the first to ask (the list's footer); once only. */
export function takeEarlyCounts(): Promise<ItemCounts | undefined> {
  if (countsTaken) return Promise.resolve(undefined);
  countsTaken = true;
  return earlyPage.then((early) => early?.counts);
}

function sameOrdering(a: Ordering, b: Ordering): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The built page names the app's own script in a meta tag instead of running it (startScript
 * in vite.config.ts): it is started here, once the first screen has shown, or at once when
 * there is none to show, with preloads of the chunks it imports, named in another. Fetched and
 * compiled alongside the start script, they held that back by 30-40 ms (the entry) and about
 * 10 ms (its imports), and the first screen with it. In development the page runs the app itself.
 */
function startApp(): void {
  // APP_SCRIPT and APP_IMPORTS in vite.config.ts.
  const src = document.querySelector<HTMLMetaElement>('meta[name="tend-app-script"]')?.content;
  if (!src || document.querySelector(`script[src="${src}"]`)) return;
  const imports = document.querySelector<HTMLMetaElement>('meta[name="tend-app-imports"]')?.content.split(' ') ?? [];
  for (const href of imports.filter(Boolean)) {
    const preload = document.createElement('link');
    preload.rel = 'modulepreload';
    preload.crossOrigin = '';
    preload.href = href;
    document.head.append(preload);
  }
  const script = document.createElement('script');
  script.type = 'module';
  script.crossOrigin = '';
  script.src = src;
  document.head.append(script);
}
if (typeof document !== 'undefined') void earlyPageDone.then(startApp, startApp);
