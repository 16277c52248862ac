// The to-do list's first page, read at start in plain IndexedDB, before Dexie is loaded or has
// opened the database: the list draws its first rows from it as soon as it mounts, and Dexie's
// live query then takes over with the same rows. Runs in the start's own script, with the early
// look at the version (startScript in vite.config.ts), so the read overlaps the app's code loading.
import type { Category, Todo, User } from '../../db/models';
import { readOnDisk } from '../../db/early-look';
import { endPageOf, orderingFor, PAGE_SIZE, type Ordering, type Page } from '../paging';
import { listFilterKey, loadPreference } from '../preferences';
import { todosListing, withLinks } from './listing';
import type { TodoRow } from './queries';

/**
 * The first page as the list asks for it: its remembered filter, the default order, 50 rows,
 * with owners and categories, in one read-only transaction. The same ordering, index range,
 * direction and limit as Dexie's read (src/lib/paging.ts describes both), and the same rows.
 */
export function readFirstTodoPage(db: IDBDatabase, ordering: Ordering, size: number): Promise<Page<TodoRow>> {
  const tx = db.transaction(['todos', 'users', 'categories'], 'readonly');
  return endPageOf<Todo>(tx.objectStore('todos'), ordering, { at: 'first' }, size).then(async (page) => {
    const [owners, categories] = await Promise.all([
      byId<User>(tx.objectStore('users'), page.rows.map((todo) => todo.userId)),
      byId<Category>(tx.objectStore('categories'), page.rows.map((todo) => todo.categoryId)),
    ]);
    return { ...page, rows: page.rows.map((todo) => withLinks(todo, owners, categories)) };
  });
}

function byId<Row extends { id: string }>(store: IDBObjectStore, ids: (string | undefined)[]): Promise<Map<string, Row>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
  const found = new Map<string, Row>();
  const reads = wanted.map(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const request = store.get(id);
        request.onsuccess = () => {
          const row = request.result as Row | undefined;
          if (row) found.set(row.id, row);
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
  if (typeof location === 'undefined') return false;
  const base = import.meta.env.BASE_URL;
  return location.pathname.startsWith(base) && isTodoListPath(location.pathname.slice(base.length - 1));
}

interface EarlyPage {
  ordering: Ordering;
  page: Page<TodoRow>;
}

let started: (reading: boolean) => void = () => {};
const reading = new Promise<boolean>((resolve) => (started = resolve));

/**
 * Read only on the to-do list's address, and only when the database on disk is at this code's
 * version: anything else (an upgrade to make, a newer database, none at all) is left to Dexie.
 */
const earlyPage: Promise<EarlyPage | undefined> = readOnDisk((db, version) => {
  const wanted = version === __TEND_SCHEMA_VERSION__ && onTodoList();
  started(wanted);
  if (!wanted) return undefined;
  const ordering = orderingFor(todosListing, { filter: loadPreference(listFilterKey('todos')) });
  return readFirstTodoPage(db, ordering, PAGE_SIZE).then((page) => ({ ordering, page }));
});
// No database, or it could not be opened: nothing was read.
void earlyPage.then(() => started(false));

/** Whether the start reads the first page (and so found the database at this code's version). */
export function hasEarlyPage(): Promise<boolean> {
  return reading;
}

/**
 * Settles once the first page has been read, or will not be: the data layer (Dexie) loads after
 * that, so that compiling it does not hold up the read's callbacks on the page's one thread.
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

function sameOrdering(a: Ordering, b: Ordering): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
