// Everything the first screen needs of Dexie and the modules that read and write through it,
// as one chunk that the app starts loading at once but index.html does not preload: the first
// rows are drawn from the page read at start (todos/early-page.ts) without it. Reached only
// through data.ts.
export { liveQuery } from 'dexie';
export { db, dataTables, onStorageMutated } from '../db/db';
export { isTendEmpty } from './first-run';
export * as todoQueries from './todos/queries';
export * as todoMutations from './todos/mutations';
