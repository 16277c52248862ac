import Dexie, { type IndexableType, type Table } from 'dexie';

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

/** The lowest and highest keys of the slice an ordering selects. */
function bounds(ordering: Ordering): [IndexableType[], IndexableType[]] {
  const { prefix, startsWith } = ordering;
  if (startsWith !== undefined) return [[...prefix, startsWith], [...prefix, `${startsWith}\uffff`]];
  // An array sorts before every longer array it begins, and maxKey after every key part.
  return [[...prefix], [...prefix, Dexie.maxKey]];
}

/**
 * Reads up to `limit` keys' rows from `from` (exclusive when given) toward one end, in
 * index order (`forward`) or reverse.
 */
function run<Row>(
  table: ReadTable<Row>,
  ordering: Ordering,
  forward: boolean,
  from: IndexableType[] | undefined,
  limit: number,
): Promise<Row[]> {
  const [lower, upper] = bounds(ordering);
  const where = table.where(indexName(ordering));
  const range = forward
    ? where.between(from ?? lower, upper, from === undefined, true)
    : where.between(lower, from ?? upper, true, from === undefined);
  return (forward ? range : range.reverse()).limit(limit).toArray();
}

export async function pageOf<Row extends object>(
  table: ReadTable<Row>,
  ordering: Ordering,
  position: PagePosition,
  size: number,
): Promise<Page<Row>> {
  // Moving down the list is forward in the index unless the list is descending.
  const down = !ordering.descending;
  const backwards = 'before' in position || ('at' in position && position.at === 'last');
  const from = 'after' in position ? position.after : 'before' in position ? position.before : undefined;
  const read = await run(table, ordering, backwards ? !down : down, from, size + 1);
  // One extra row read says whether there is more on the side we read toward.
  const more = read.length > size;
  const rows = read.slice(0, size);
  if (backwards) rows.reverse();
  // The other side can only hold rows when the page started from a key.
  const edge = backwards ? rows[rows.length - 1] : rows[0];
  const otherSide = from !== undefined && edge !== undefined && (await hasBeyond(table, ordering, edge, backwards ? down : !down));
  return withKeys(rows, ordering, backwards ? { hasPrevious: more, hasNext: otherSide } : { hasPrevious: otherSide, hasNext: more });
}

/** Whether any row lies beyond `row` in the given index direction. */
async function hasBeyond<Row extends object>(table: ReadTable<Row>, ordering: Ordering, row: Row, forward: boolean) {
  return (await run(table, ordering, forward, keyOf(row, ordering), 1)).length > 0;
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
