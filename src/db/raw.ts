// Plain IndexedDB, for the moment Dexie must not be involved: looking at a database before
// Dexie opens it (and would upgrade it, or silently accept a newer one). Copying every row as
// it is, before an upgrade changes them, is in raw-copy.ts.
/** The name of Tend's database in IndexedDB. */
export const DATABASE_NAME = 'tend';

/**
 * The global the built page's inline script leaves its open of Tend's database in, for the
 * start to adopt (earlyOpenScript in vite.config.ts, early-look.ts).
 */
export const LOOKING_OPEN_GLOBAL = 'tendLookingOpen';

/** Dexie keeps its version times ten in IndexedDB's version number. */
export const DEXIE_VERSION_FACTOR = 10;

/**
 * An open of a database at whatever version it is, under way. `missing` is set when there was
 * no such database: the open is then aborted, so that looking does not create an empty one.
 */
export interface LookingOpen {
  request: IDBOpenDBRequest;
  missing: boolean;
}

/**
 * Starts an open at whatever version the database is. Self-contained on purpose (no outer
 * names, no imports): the built page runs this very function's text inline, ahead of
 * everything else (earlyOpenScript in vite.config.ts), and the start adopts what it began.
 */
export function startLookingOpen(name: string): LookingOpen {
  const request = indexedDB.open(name);
  const open = { request, missing: false };
  request.onupgradeneeded = () => {
    open.missing = true;
    request.transaction?.abort();
  };
  // Until someone settles it, a failure is not the page's unhandled error.
  request.onerror = (event) => event.preventDefault();
  return open;
}

/** The connection a looking open gives, or undefined when there was no database. */
export function lookingOpenSettled(open: LookingOpen): Promise<IDBDatabase | undefined> {
  const { request } = open;
  return new Promise((resolve, reject) => {
    const settle = () => {
      if (request.error === null) resolve(request.result);
      else if (open.missing) resolve(undefined);
      else reject(request.error);
    };
    if (request.readyState === 'done') return settle();
    request.onsuccess = settle;
    request.onerror = (event) => {
      event.preventDefault();
      settle();
    };
  });
}

/** Opens a database at whatever version it is, without creating it when it does not exist. */
export function openAsItIs(name: string): Promise<IDBDatabase | undefined> {
  try {
    return lookingOpenSettled(startLookingOpen(name));
  } catch (error) {
    // IndexedDB refused at once (a browser that denies this page storage).
    return Promise.reject(error);
  }
}

/** The Dexie version of the database on disk; 0 when there is none. */
export async function installedVersion(name: string): Promise<number> {
  const db = await openAsItIs(name);
  if (!db) return 0;
  const version = db.version / DEXIE_VERSION_FACTOR;
  db.close();
  return version;
}
