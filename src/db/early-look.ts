// The built index.html runs this module's chunk from a script tag of its own, ahead of the
// app's (startScript in vite.config.ts); main.ts imports it first as well, which is what
// places it in the dev server, and the browser runs it once either way.
import { DATABASE_NAME, DEXIE_VERSION_FACTOR, openAsItIs } from './raw';

/** A read of the database as found on disk, started before Dexie is loaded. */
type Reader = (db: IDBDatabase, version: number) => void;
const readers: Reader[] = [];

/**
 * The version of Tend's database on disk, looked at the moment the app's code starts to run.
 * A page's first IndexedDB open takes about 25 ms (the browser opens the origin's storage):
 * started here, it happens while the rest of the code is evaluated (about as long) instead of
 * after it, and Dexie's own open that follows is quick.
 */
export const versionOnDisk: Promise<number> = openAsItIs(DATABASE_NAME).then(
  (db) => {
    const version = db ? db.version / DEXIE_VERSION_FACTOR : 0;
    for (const read of readers.splice(0)) if (db) read(db, version);
    // The connection ends once the readers' transactions have; it never holds up an upgrade.
    db?.close();
    return version;
  },
  (error: unknown) => {
    readers.length = 0;
    throw error;
  },
);
// openDatabase deals with a failure; until it asks, the failure is not an unhandled one.
versionOnDisk.catch(() => {});

/**
 * Reads from the database as it is on disk, in the same connection as the look at its version.
 * `read` gets the connection and the version, and must start its transaction at once (the
 * connection closes right after). Answers undefined when there is no database, when it could
 * not be opened, or when `read` declines (answers undefined itself). Call it while the start's
 * modules are evaluated, before the look has finished.
 */
export function readOnDisk<T>(read: (db: IDBDatabase, version: number) => Promise<T | undefined> | undefined): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve) => {
    let started = false;
    readers.push((db, version) => {
      started = true;
      try {
        (read(db, version) ?? Promise.resolve(undefined)).then(resolve, () => resolve(undefined));
      } catch {
        resolve(undefined);
      }
    });
    // Not read (no database, or asked too late): nothing.
    const unread = () => {
      if (!started) resolve(undefined);
    };
    versionOnDisk.then(unread, unread);
  });
}
