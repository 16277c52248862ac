import 'fake-indexeddb/auto';
// PouchDB's browser build (sync) refers to the page's global as `self`, as a worker or page has.
globalThis.self ??= globalThis as typeof self;
import { beforeEach } from 'vitest';
import { db } from '../../src/db/db';

// Every test starts from an empty database made by the current schema.
beforeEach(async () => {
  await db.delete();
  await db.open();
});
