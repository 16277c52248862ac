import { db as tendDb } from '../db/db';
import { installedVersion } from '../db/raw';
import type { TendDB } from '../db/schema';
import { takeSnapshot } from './snapshots';

export type DatabasePhase =
  /** Looking at the database on disk. */
  | 'opening'
  /** Taking a snapshot and upgrading: may take a while with years of data. */
  | 'updating'
  | 'ready'
  /** The database on disk is newer than this code: another tab updated, or a rollback. */
  | 'newer'
  /** Another tab is upgrading: this one let go of the database. */
  | 'superseded'
  /** The upgrade threw; the data is as it was, and the snapshot can be downloaded. */
  | 'upgrade-failed'
  /** No IndexedDB (private modes, storage switched off). */
  | 'unavailable';

/** Where the database stands, for the whole app: the one place that decides if Tend may write. */
export class DatabaseStatus {
  phase: DatabasePhase = $state('opening');
  error: unknown = $state.raw(undefined);
  /** The versions on disk and in this code, while updating or when an update failed. */
  from = $state(0);
  to = $state(0);
  snapshotId: number | undefined = $state(undefined);
}

export const databaseStatus = new DatabaseStatus();

/**
 * Opens the database before the app is shown. It first looks at the version on disk without
 * Dexie, because Dexie 4 opens a database newer than its code without complaint, and old code
 * would then write rows of an old shape into it. Before an upgrade it saves a snapshot of every
 * table, in a database of its own.
 */
export async function openDatabase(db: TendDB = tendDb, status: DatabaseStatus = databaseStatus): Promise<DatabasePhase> {
  const wanted = db.verno;
  let found: number;
  try {
    found = await installedVersion(db.name);
  } catch (error) {
    return settle(status, 'unavailable', error, db);
  }
  status.from = found;
  status.to = wanted;
  if (found > wanted) return settle(status, 'newer', undefined, db);
  const upgrading = found > 0 && found < wanted;
  if (upgrading) {
    status.phase = 'updating';
    try {
      status.snapshotId = await takeSnapshot(db.name, wanted);
    } catch (error) {
      // Without a snapshot the upgrade does not start: the data stays as it is.
      return settle(status, 'upgrade-failed', error, db);
    }
  }
  try {
    await db.open();
  } catch (error) {
    return settle(status, upgrading ? 'upgrade-failed' : 'unavailable', error, db);
  }
  // Another tab may have upgraded between the look and the open.
  if (db.backendDB().version / 10 > wanted) {
    return settle(status, 'newer', undefined, db);
  }
  db.on('versionchange', () => {
    // Let the other tab's upgrade go ahead, and write nothing more: no silent reopen with old code.
    db.close({ disableAutoOpen: true });
    status.phase = 'superseded';
    // Dexie calls the newest handler first; false keeps its default (close, then reopen on next use) from running.
    return false;
  });
  return settle(status, 'ready');
}

/** Records the outcome; anything but ready also stops Dexie from opening the database on first use. */
function settle(status: DatabaseStatus, phase: DatabasePhase, error?: unknown, db?: TendDB): DatabasePhase {
  if (phase !== 'ready') db?.close({ disableAutoOpen: true });
  status.phase = phase;
  status.error = error;
  return phase;
}
