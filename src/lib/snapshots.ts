import { db } from '../db/db';
import { readEverything } from '../db/raw-copy';
import { COUNTS_TABLE } from '../db/models';
import { restoreTables } from './backup/import';
import { snapshotsOf, type Snapshot } from '../db/snapshots';

/**
 * Copies every table as it is on disk into the snapshot database, replacing the previous
 * snapshot (Tend keeps the one taken before the last upgrade). Returns its id.
 */
export async function takeSnapshot(databaseName: string, toVersion: number): Promise<number> {
  const { version, tables: stores } = await readEverything(databaseName);
  // Not the to-do counts: derived from the to-dos, and counted again by whatever restores them.
  const { [COUNTS_TABLE]: _counts, ...tables } = stores;
  const counts = Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
  const snapshots = snapshotsOf(databaseName);
  return snapshots.transaction('rw', snapshots.snapshots, async () => {
    await snapshots.snapshots.clear();
    return snapshots.snapshots.add({ takenAt: Date.now(), fromVersion: version, toVersion, counts, tables });
  });
}

export type SnapshotSummary = Omit<Snapshot, 'tables'>;

/** The latest snapshot, without its rows. */
export async function latestSnapshot(): Promise<SnapshotSummary | undefined> {
  const snapshot = await snapshotsOf(db.name).snapshots.orderBy('id').last();
  if (!snapshot) return undefined;
  const { tables: _rows, ...summary } = snapshot;
  return summary;
}

/** The snapshot as a backup file's contents. */
export async function snapshotFile(id: number): Promise<Blob> {
  const snapshot = await snapshotsOf(db.name).snapshots.get(id);
  if (!snapshot) throw new Error('That snapshot is no longer kept.');
  const file = {
    app: 'Tend',
    kind: 'snapshot',
    schemaVersion: snapshot.fromVersion,
    exportedAt: new Date(snapshot.takenAt).toISOString(),
    tables: snapshot.tables,
  };
  return new Blob([JSON.stringify(file)], { type: 'application/json' });
}

/**
 * Puts back exactly the data from before the upgrade: the snapshot's rows, carried forward
 * through the same row rewrites the upgrade made, and stored by the same row functions as
 * every other write, replace every table in one transaction.
 */
export async function restoreSnapshot(id: number): Promise<void> {
  const snapshot = await snapshotsOf(db.name).snapshots.get(id);
  if (!snapshot) throw new Error('That snapshot is no longer kept.');
  await restoreTables(snapshot.tables, snapshot.fromVersion);
}
