import { dataLayer } from './data';
import { loadPreference, savePreference } from './preferences';

/** After this many days without a backup, the Database page says it is time for one. */
export const BACKUP_NUDGE_DAYS = 14;
const ASKED = 'persistence-asked';
const LAST_BACKUP = 'last-backup';

export interface StorageState {
  usage?: number;
  quota?: number;
  persisted?: boolean;
}

/** What the browser says about Tend's storage; parts it cannot say stay undefined. */
export async function storageState(): Promise<StorageState> {
  const storage = navigator.storage as StorageManager | undefined;
  const [estimate, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => undefined),
    storage?.persisted?.().catch(() => undefined),
  ]);
  return { usage: estimate?.usage, quota: estimate?.quota, persisted };
}

/** Asks the browser not to clear Tend's data under storage pressure. */
export async function askForPersistence(): Promise<boolean> {
  savePreference(ASKED, 'yes');
  return (await navigator.storage?.persist?.().catch(() => false)) ?? false;
}

/**
 * The first time anything is saved, ask once for persistent storage: that is when there is
 * something worth keeping, and browsers favour sites people have used. Heard from Dexie's
 * change signal, after the write has committed, rather than from a `creating` hook: while a
 * table has any hook, Dexie reads every row a `put` replaces before writing it, so each toggle
 * and edit would make one more read of IndexedDB, one after the other, until the first save.
 * Returns a function that stops listening (for tests).
 */
export function askForPersistenceOnFirstSave(): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  if (loadPreference(ASKED)) return () => {};
  // Set when the data layer loads: before the database opens, so before anything is saved.
  void dataLayer.then(({ db, dataTables, onStorageMutated }) => {
    if (stopped) return;
    const data = dataTables().map((table) => table.name);
    stop = onStorageMutated((parts) => {
      // Parts are named idb://<database>/<table>/<index>. A save changes a data table; Dexie's
      // signal after it creates the database names every table, which no save changes.
      const changed = new Set(Object.keys(parts).map((part) => part.split('/')[3]));
      if (!data.some((name) => changed.has(name)) || db.tables.every((table) => changed.has(table.name))) return;
      stop?.();
      void askForPersistence();
    });
  });
  return () => {
    stopped = true;
    stop?.();
  };
}

export function lastBackupAt(): number | undefined {
  const at = Number(loadPreference(LAST_BACKUP));
  return at > 0 ? at : undefined;
}

export function rememberBackup(at = Date.now()): void {
  savePreference(LAST_BACKUP, String(at));
}

/** Whether to nudge: never backed up, or not for BACKUP_NUDGE_DAYS. */
export function backupIsDue(now = Date.now(), last = lastBackupAt()): boolean {
  return last === undefined || now - last > BACKUP_NUDGE_DAYS * 24 * 60 * 60 * 1000;
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'unknown';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
