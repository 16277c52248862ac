import type * as Layer from './data-layer';
import { earlyPageDone } from './todos/early-page';

/** The data layer: Dexie, the database instance and the first screen's queries and mutations. */
export type DataLayer = typeof Layer;

let loaded: DataLayer | undefined;
let held: Promise<unknown> | undefined;

/**
 * Loaded as the app starts, once the to-do list's first page has been read at start (if it is
 * read): a person's first click comes after it has loaded.
 */
export const dataLayer: Promise<DataLayer> = earlyPageDone.then(() => import('./data-layer')).then((layer) => (loaded = layer));

/**
 * Holds every use of the data layer until `until` settles: openDatabase holds it while it
 * looks at the version on disk, takes a snapshot and opens, so that nothing reads or writes
 * before (Dexie would open the database on its own, without the sync outbox or query log, or
 * before the version check).
 */
export function holdData(until: Promise<unknown>): void {
  held = until;
  const release = () => {
    if (held === until) held = undefined;
  };
  until.then(release, release);
}

/**
 * Runs `use` with the data layer once it is loaded and not held. When it already is, `use`
 * runs at once, in the caller's turn: a liveQuery's query must make its reads that way for
 * Dexie to follow them.
 */
export function withData<T>(use: (data: DataLayer) => Promise<T>): Promise<T> {
  if (loaded && !held) return use(loaded);
  return Promise.all([dataLayer, held?.catch(() => {})]).then(([layer]) => withData(() => use(layer)));
}
