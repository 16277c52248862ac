// Plain IndexedDB, for the moment Dexie must not be involved: looking at a database before
// Dexie opens it (and would upgrade it, or silently accept a newer one). Copying every row as
// it is, before an upgrade changes them, is in raw-copy.ts.
/** The name of Tend's database in IndexedDB. */
export const DATABASE_NAME = 'tend';

/** Dexie keeps its version times ten in IndexedDB's version number. */
export const DEXIE_VERSION_FACTOR = 10;

/** Opens a database at whatever version it is, without creating it when it does not exist. */
export function openAsItIs(name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    let missing = false;
    request.onupgradeneeded = () => {
      // There was nothing: abort, so that looking does not create an empty database.
      missing = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      event.preventDefault();
      if (missing) resolve(undefined);
      else reject(request.error);
    };
  });
}

/** The Dexie version of the database on disk; 0 when there is none. */
export async function installedVersion(name: string): Promise<number> {
  const db = await openAsItIs(name);
  if (!db) return 0;
  const version = db.version / DEXIE_VERSION_FACTOR;
  db.close();
  return version;
}
