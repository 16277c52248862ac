import { dataTables, db } from '../db/db';
import type { StoredRow } from '../db/schema';

/** The rows a deletion removed or changed, as they were before it. */
export type BeforeImages = Map<string, Map<unknown, StoredRow>>;

/**
 * Runs a deletion while recording the before-image of every row it deletes or changes, in
 * whatever tables (a category's moved posts, a user's unassigned to-dos, cascaded rows).
 * Dexie's hooks see each row, so no model's delete has to know about undo.
 */
export async function recordingBefore(work: () => Promise<unknown>): Promise<BeforeImages> {
  const before: BeforeImages = new Map();
  const unsubscribe: (() => void)[] = [];
  for (const table of dataTables()) {
    const rows = new Map<unknown, StoredRow>();
    before.set(table.name, rows);
    const keep = (key: unknown, row: StoredRow) => {
      // The first image is the one from before the deletion began.
      if (!rows.has(key)) rows.set(key, structuredClone(row));
    };
    const updating = (_changes: object, key: unknown, row: StoredRow) => {
      keep(key, row);
      return undefined;
    };
    table.hook('deleting', keep);
    table.hook('updating', updating);
    unsubscribe.push(() => {
      table.hook('deleting').unsubscribe(keep);
      table.hook('updating').unsubscribe(updating);
    });
  }
  try {
    await work();
  } finally {
    for (const stop of unsubscribe) stop();
  }
  return before;
}

/** Puts every recorded row back as it was, with its id, in one transaction. */
export async function putBack(before: BeforeImages): Promise<void> {
  const tables = dataTables().filter((table) => (before.get(table.name)?.size ?? 0) > 0);
  await db.transaction('rw', tables, async () => {
    for (const table of tables) await table.bulkPut([...before.get(table.name)!.values()]);
  });
}
