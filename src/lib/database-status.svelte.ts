// Where Tend's database stands, for the whole app, and closing it on purpose (database.svelte.ts opens it).
import type { TendDB } from '../db/schema';
import { dataLayer } from './data';

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
  /** The browser removed Tend's data while it was open (site data cleared). */
  | 'cleared'
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
  /** Counts reopenings of the database, so screens holding live queries start afresh. */
  generation = $state(0);
}

/** Closes Tend makes itself; any other close is the browser taking the database away. */
let closing = false;

export function closingOnPurpose(): boolean {
  return closing;
}

export function closeOnPurpose(db: TendDB, options: { disableAutoOpen: boolean }) {
  closing = true;
  try {
    db.close(options);
  } finally {
    closing = false;
  }
}

/**
 * Closes and reopens the database around `change` (Dexie builds its middleware when it opens:
 * the query log is added and removed this way, so it costs nothing when off).
 */
export async function reopenDatabase(change: () => void) {
  const { db: tendDb } = await dataLayer;
  closeOnPurpose(tendDb, { disableAutoOpen: false });
  change();
  await tendDb.open();
  databaseStatus.generation += 1;
}

export const databaseStatus = new DatabaseStatus();

