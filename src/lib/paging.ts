import type { IndexableType, Table } from 'dexie';
import { foldForSort } from './text';

/** An order the list can be shown in, served by the index on these fields (then `id`). */
export interface SortOption {
  name: string;
  label: string;
  fields: readonly string[];
  descending?: boolean;
}

/** A slice of the list: rows whose `field` equals `value` (to-dos done, movies watched). */
export interface FilterOption {
  name: string;
  label: string;
  field: string;
  value: IndexableType;
}

export interface Listing {
  /** The first is the default order. */
  sorts: readonly SortOption[];
  /** Prefix search ignoring case and accents, on a field folded by foldForSort, e.g. `titleKey`. */
  search?: { field: string; label: string };
  filters?: readonly FilterOption[];
}

/** A parent that scopes a list: a category's posts are posts whose categoryId is 3. */
export interface Scope {
  field: string;
  value: IndexableType;
}

export interface ListQuery {
  sort?: string;
  descending?: boolean;
  search?: string;
  filter?: string;
}

// No Dexie here, types aside: the early read of the to-do list's first page (todos/early-page.ts)
// runs before Dexie is loaded, and describes its read with the same functions as Dexie's.

/** The rows a list shows at a time. */
export const PAGE_SIZE = 50;

/** Dexie's maxKey where IndexedDB takes arrays in keys (every browser Tend runs in): above every other key part. */
const MAX_KEY: IndexableType = [[]];

/**
 * Keyset paging over a compound index whose last part is the primary key, such as
 * `[done+dueKey+id]`. Every key is unique, so a page starts exactly after (or before) the
 * boundary row of the page next to it: the cost of a page does not grow with its distance
 * from the start, unlike offset paging, and no page loads a whole table.
 */
export interface Ordering {
  /** Every part of the index, in order, ending with `id`. */
  fields: readonly string[];
  /** Values of the leading parts that select a slice (`[0]` for done = 0, `[7]` for category 7). */
  prefix: readonly IndexableType[];
  /** Already folded text the first part after the prefix must start with (search). */
  startsWith?: string;
  descending: boolean;
}

/** Where a page is, in the order the person sees. */
export type PagePosition =
  | { at: 'first' }
  | { at: 'last' }
  | { after: IndexableType[] }
  | { before: IndexableType[] };

export interface Page<Row> {
  rows: Row[];
  hasPrevious: boolean;
  hasNext: boolean;
  /** The index keys of the first and last rows, to ask for the pages around this one. */
  firstKey?: IndexableType[];
  lastKey?: IndexableType[];
}

/** A table paging reads from; its insert type does not matter here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReadTable<Row> = Table<Row, string, any>;

export function indexName(ordering: Pick<Ordering, 'fields'>): string {
  return `[${ordering.fields.join('+')}]`;
}

export function keyOf(row: object, ordering: Pick<Ordering, 'fields'>): IndexableType[] {
  return ordering.fields.map((field) => (row as Record<string, IndexableType>)[field]!);
}

/**
 * The index ordering for a list query: a scope or filter fixes the leading field, a search
 * orders by the search field and keeps rows starting with the folded text, otherwise the
 * chosen sort applies. Each combination a model allows has its compound index in the schema
 * (a unit test checks every one).
 */
export function orderingFor(listing: Listing, query: ListQuery, scope?: Scope): Ordering {
  const filter = listing.filters?.find((option) => option.name === query.filter);
  const slice = scope ?? filter;
  const prefixFields = slice ? [slice.field] : [];
  const prefix = slice ? [slice.value] : [];
  const search = query.search?.trim();
  if (search && listing.search) {
    return {
      fields: [...prefixFields, listing.search.field, 'id'],
      prefix,
      startsWith: foldForSort(search),
      descending: query.descending ?? false,
    };
  }
  const sort = listing.sorts.find((option) => option.name === query.sort) ?? listing.sorts[0];
  if (!sort) throw new Error('A listing needs at least one sort');
  return {
    fields: [...prefixFields, ...sort.fields, 'id'],
    prefix,
    descending: query.descending ?? sort.descending ?? false,
  };
}

/** The lowest and highest keys of the slice an ordering selects. */
function bounds(ordering: Ordering): [IndexableType[], IndexableType[]] {
  const { prefix, startsWith } = ordering;
  if (startsWith !== undefined) return [[...prefix, startsWith], [...prefix, `${startsWith}\uffff`]];
  // An array sorts before every longer array it begins, and MAX_KEY after every key part.
  return [[...prefix], [...prefix, MAX_KEY]];
}

/**
 * One read of an index: up to `limit` rows of the key range, in index order or reverse. The
 * one description of a read, which Dexie (`run`) and plain IndexedDB (`readIndex`) both carry out.
 */
export interface IndexRead {
  index: string;
  lower: IndexableType[];
  upper: IndexableType[];
  lowerOpen: boolean;
  upperOpen: boolean;
  reverse: boolean;
  limit: number;
}

/**
 * Reads up to `limit` keys' rows from `from` (exclusive when given) toward one end, in
 * index order (`forward`) or reverse.
 */
function indexRead(ordering: Ordering, forward: boolean, from: IndexableType[] | undefined, limit: number): IndexRead {
  const [lower, upper] = bounds(ordering);
  const index = indexName(ordering);
  return forward
    ? { index, lower: from ?? lower, upper, lowerOpen: from !== undefined, upperOpen: false, reverse: false, limit }
    : { index, lower, upper: from ?? upper, lowerOpen: false, upperOpen: from !== undefined, reverse: true, limit };
}

function run<Row>(table: ReadTable<Row>, read: IndexRead): Promise<Row[]> {
  const range = table.where(read.index).between(read.lower, read.upper, !read.lowerOpen, !read.upperOpen);
  return (read.reverse ? range.reverse() : range).limit(read.limit).toArray();
}

/** The same read in plain IndexedDB, in a transaction already open on the index's store. */
export function readIndex<Row>(index: IDBIndex, read: IndexRead): Promise<Row[]> {
  const range = IDBKeyRange.bound(read.lower, read.upper, read.lowerOpen, read.upperOpen);
  return new Promise((resolve, reject) => {
    if (!read.reverse) {
      const request = index.getAll(range, read.limit);
      request.onsuccess = () => resolve(request.result as Row[]);
      request.onerror = () => reject(request.error);
      return;
    }
    const rows: Row[] = [];
    const request = index.openCursor(range, 'prev');
    request.onsuccess = () => {
      const cursor = request.result;
      if (cursor && rows.length < read.limit) {
        rows.push(cursor.value as Row);
        if (rows.length < read.limit) return cursor.continue();
      }
      resolve(rows);
    };
    request.onerror = () => reject(request.error);
  });
}

/** What reading a page takes: the first read, and which way it went. */
interface PagePlan {
  read: IndexRead;
  backwards: boolean;
  from: IndexableType[] | undefined;
}

function pagePlan(ordering: Ordering, position: PagePosition, size: number): PagePlan {
  // Moving down the list is forward in the index unless the list is descending.
  const down = !ordering.descending;
  const backwards = 'before' in position || ('at' in position && position.at === 'last');
  const from = 'after' in position ? position.after : 'before' in position ? position.before : undefined;
  // One extra row read says whether there is more on the side we read toward.
  return { read: indexRead(ordering, backwards ? !down : down, from, size + 1), backwards, from };
}

/**
 * The first or last page in plain IndexedDB: one read, in a transaction already open on the
 * table. The same rows and flags as `pageOf`, which Dexie runs; a page from a key also asks
 * what lies before it, and is Dexie's alone.
 */
export async function endPageOf<Row extends object>(
  store: IDBObjectStore,
  ordering: Ordering,
  position: { at: 'first' | 'last' },
  size: number,
): Promise<Page<Row>> {
  const plan = pagePlan(ordering, position, size);
  const read = await readIndex<Row>(store.index(plan.read.index), plan.read);
  return pageFrom(read, plan, ordering, size, false);
}

function pageFrom<Row extends object>(read: Row[], plan: PagePlan, ordering: Ordering, size: number, otherSide: boolean): Page<Row> {
  const more = read.length > size;
  const rows = read.slice(0, size);
  if (plan.backwards) rows.reverse();
  return withKeys(rows, ordering, plan.backwards ? { hasPrevious: more, hasNext: otherSide } : { hasPrevious: otherSide, hasNext: more });
}

export function pageOf<Row extends object>(
  table: ReadTable<Row>,
  ordering: Ordering,
  position: PagePosition,
  size: number,
): Promise<Page<Row>> {
  const plan = pagePlan(ordering, position, size);
  // Chained on Dexie's promises rather than awaited: see `page` in listing.ts.
  return run(table, plan.read).then((read) => {
    // The other side can only hold rows when the page started from a key. The row nearest the
    // key is the first read, whichever way the read went.
    const edge = read[0];
    if (plan.from === undefined || edge === undefined) return pageFrom(read, plan, ordering, size, false);
    const down = !ordering.descending;
    return hasBeyond(table, ordering, edge, plan.backwards ? down : !down).then((otherSide) => pageFrom(read, plan, ordering, size, otherSide));
  });
}

/** Whether any row lies beyond `row` in the given index direction. */
function hasBeyond<Row extends object>(table: ReadTable<Row>, ordering: Ordering, row: Row, forward: boolean): Promise<boolean> {
  return run(table, indexRead(ordering, forward, keyOf(row, ordering), 1)).then((rows) => rows.length > 0);
}

function withKeys<Row extends object>(rows: Row[], ordering: Ordering, flags: { hasPrevious: boolean; hasNext: boolean }): Page<Row> {
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    ...flags,
    firstKey: first && keyOf(first, ordering),
    lastKey: last && keyOf(last, ordering),
  };
}

/** How many rows an ordering's slice holds (a count over the index range, no rows read). */
export function countOf<Row>(table: ReadTable<Row>, ordering: Ordering): Promise<number> {
  const [lower, upper] = bounds(ordering);
  return table.where(indexName(ordering)).between(lower, upper, true, true).count();
}

/**
 * The new page, with the objects of the rows that did not change taken from the page before:
 * the list then redraws only the rows that changed (a toggle's one row), not every row of a
 * page read again. A row is unchanged when every field is the same value, or the same object
 * (a related row: KeptRows keeps those).
 */
export function keepingUnchanged<Row extends { id: string }>(before: Page<Row> | undefined, page: Page<Row>): Page<Row> {
  if (!before) return page;
  const earlier = new Map(before.rows.map((row) => [row.id, row]));
  const rows = page.rows.map((row) => {
    const old = earlier.get(row.id);
    return old && sameFields(old, row) ? old : row;
  });
  return { ...page, rows };
}

function sameFields(a: object, b: object): boolean {
  const fields = Object.keys(a);
  if (fields.length !== Object.keys(b).length) return false;
  return fields.every((field) => (a as Record<string, unknown>)[field] === (b as Record<string, unknown>)[field]);
}
