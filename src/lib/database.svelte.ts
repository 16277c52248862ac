import { versionOnDisk } from '../db/early-look';
import { DEXIE_VERSION_FACTOR, installedVersion } from '../db/raw';
import type { TendDB } from '../db/schema';
import { dataLayer, holdData } from './data';
import { closeOnPurpose, closingOnPurpose, databaseStatus, type DatabasePhase, type DatabaseStatus } from './database-status.svelte';
import { loadPreference, QUERY_LOG_PREFERENCE, SYNC_PREFERENCE } from './preferences';

// Where the database stands, and the reopen the query log and sync use, are in a module of their
// own: those two are loaded from here, and importing this back made an import cycle.
export { DatabaseStatus, databaseStatus, reopenDatabase, type DatabasePhase } from './database-status.svelte';

/**
 * Opens the database before the app is shown. It first looks at the version on disk without
 * Dexie, because Dexie 4 opens a database newer than its code without complaint, and old code
 * would then write rows of an old shape into it. Before an upgrade it saves a snapshot of every
 * table, in a database of its own. Without `db`, the app's own: every use of the data layer
 * waits until this has settled.
 */
export function openDatabase(db?: TendDB, status: DatabaseStatus = databaseStatus): Promise<DatabasePhase> {
  if (db) return openWith(db, status, installedVersion(db.name), false);
  // The app's own database was looked at as its code began to run (db/early-look.ts); its
  // Dexie instance comes with the data layer, which loads meanwhile.
  const opening = dataLayer.then(({ db: tendDb }) => openWith(tendDb, status, versionOnDisk, true));
  holdData(opening);
  return opening;
}

async function openWith(db: TendDB, status: DatabaseStatus, onDisk: Promise<number>, own: boolean): Promise<DatabasePhase> {
  const wanted = db.verno;
  let found: number;
  try {
    found = await onDisk;
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
      // The snapshot code is only needed on the rare start that upgrades.
      const { takeSnapshot } = await import('./snapshots');
      status.snapshotId = await takeSnapshot(db.name, wanted);
    } catch (error) {
      // Without a snapshot the upgrade does not start: the data stays as it is.
      return settle(status, 'upgrade-failed', error, db);
    }
  }
  // The query log joins Dexie's stack before it opens, and its code loads only when it is on.
  if (loadPreference(QUERY_LOG_PREFERENCE) === 'on') (await import('./query-log.svelte')).installQueryLog();
  // So does sync's outbox, before the first write can happen; the engine starts once it is open.
  const sync = loadPreference(SYNC_PREFERENCE) === undefined ? undefined : await import('./sync/connection');
  sync?.installOutbox(db);
  try {
    await db.open();
  } catch (error) {
    return settle(status, upgrading ? 'upgrade-failed' : 'unavailable', error, db);
  }
  // Another tab may have upgraded between the look and the open.
  if (db.backendDB().version / DEXIE_VERSION_FACTOR > wanted) {
    return settle(status, 'newer', undefined, db);
  }
  watchConnection(db, status);
  if (own) void sync?.resumeSync();
  return settle(status, 'ready');
}

/** What this tab does when the database is taken from it. */
function watchConnection(db: TendDB, status: DatabaseStatus) {
  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    // Let the other tab's upgrade (or the browser's deletion) go ahead, and write nothing more:
    // no silent reopen with old code, and no empty database made in place of the lost one.
    closeOnPurpose(db, { disableAutoOpen: true });
    status.phase = event.newVersion === null ? 'cleared' : 'superseded';
    // Dexie calls the newest handler first; false keeps its default (close, then reopen on next use) from running.
    return false;
  });
  db.on('close', () => {
    if (closingOnPurpose()) return;
    // The browser closed the connection: site data was cleared, or storage failed. Reopening
    // would quietly start an empty Tend, so stop and say so instead. Dexie fires this from
    // inside its own close, which re-enables reopening when it returns: close again after it.
    status.phase = 'cleared';
    queueMicrotask(() => closeOnPurpose(db, { disableAutoOpen: true }));
  });
}

/** Records the outcome; anything but ready also stops Dexie from opening the database on first use. */
function settle(status: DatabaseStatus, phase: DatabasePhase, error?: unknown, db?: TendDB): DatabasePhase {
  if (phase !== 'ready' && db) closeOnPurpose(db, { disableAutoOpen: true });
  status.phase = phase;
  status.error = error;
  return phase;
}
