// The built index.html runs this module's chunk from a script tag of its own, ahead of the
// app's (startScript in vite.config.ts); main.ts imports it first as well, which is what
// places it in the dev server, and the browser runs it once either way.
import { DATABASE_NAME, DEXIE_VERSION_FACTOR, LOOKING_OPEN_GLOBAL, lookingOpenSettled, openAsItIs, type LookingOpen } from './raw';

/** A read of the database as found on disk, started before Dexie is loaded. */
type Reader = (db: IDBDatabase, version: number) => void;
const readers: Reader[] = [];

/**
 * The open the built page's inline script started while the page was being parsed, taken once
 * (earlyOpenScript in vite.config.ts): undefined in development, and wherever it could not start one.
 */
function takeLookingOpen(): LookingOpen | undefined {
  const scope = globalThis as { [LOOKING_OPEN_GLOBAL]?: LookingOpen };
  const open = scope[LOOKING_OPEN_GLOBAL];
  delete scope[LOOKING_OPEN_GLOBAL];
  return open;
}

const looking = takeLookingOpen();

/**
 * The version of Tend's database on disk, looked at as early as the page allows. A page's
 * first IndexedDB open takes about 25 ms (the browser opens the origin's storage): started
 * by the page itself, or else the moment the app's code starts to run, it happens while the
 * rest of the code arrives and is evaluated instead of after it, and Dexie's own open that
 * follows is quick.
 */
export const versionOnDisk: Promise<number> = (looking ? lookingOpenSettled(looking) : openAsItIs(DATABASE_NAME)).then(
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
