import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { db } from '../../src/db/db';

// Every test starts from an empty database made by the current schema.
beforeEach(async () => {
  await db.delete();
  await db.open();
});
