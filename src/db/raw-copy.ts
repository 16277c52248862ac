// Plain IndexedDB for the rarer moments: copying every row as it is before an upgrade, and
// describing the live stores for the schema check. Apart from raw.ts so that start-up, which
// only needs the version on disk, does not load it.
import { DEXIE_VERSION_FACTOR, openAsItIs } from './raw';
import type { StoredRow } from './schema';

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
