// Plain IndexedDB, for the moments Dexie must not be involved: looking at a database before
// Dexie opens it (and would upgrade it, or silently accept a newer one), and copying every
// row as it is, before an upgrade changes them.
import type { StoredRow } from './schema';

/** Dexie keeps its version times ten in IndexedDB's version number. */
const DEXIE_VERSION_FACTOR = 10;

/** Opens a database at whatever version it is, without creating it when it does not exist. */
function openAsItIs(name: string): Promise<IDBDatabase | undefined> {
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

/** Every row of every object store, read in one transaction, so the copy is consistent. */
export async function readEverything(name: string): Promise<{ version: number; tables: Record<string, StoredRow[]> }> {
  const db = await openAsItIs(name);
  if (!db) return { version: 0, tables: {} };
  try {
    const names = [...db.objectStoreNames];
    const tables: Record<string, StoredRow[]> = {};
    if (names.length > 0) {
      const tx = db.transaction(names, 'readonly');
      await Promise.all(
        names.map(
          (store) =>
            new Promise<void>((resolve, reject) => {
              const request = tx.objectStore(store).getAll();
              request.onsuccess = () => {
                tables[store] = request.result as StoredRow[];
                resolve();
              };
              request.onerror = () => reject(request.error);
            }),
        ),
      );
    }
    return { version: db.version / DEXIE_VERSION_FACTOR, tables };
  } finally {
    db.close();
  }
}

/** What IndexedDB really holds: each store's key and indexes, for the schema check. */
export interface LiveStore {
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: Record<string, { keyPath: string | string[]; unique: boolean; multiEntry: boolean }>;
}

export function describeStores(db: IDBDatabase): Record<string, LiveStore> {
  const names = [...db.objectStoreNames];
  if (names.length === 0) return {};
  const tx = db.transaction(names, 'readonly');
  const stores: Record<string, LiveStore> = {};
  for (const name of names) {
    const store = tx.objectStore(name);
    const indexes: LiveStore['indexes'] = {};
    for (const indexName of store.indexNames) {
      const index = store.index(indexName);
      indexes[indexName] = { keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
    }
    stores[name] = { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
  }
  return stores;
}
