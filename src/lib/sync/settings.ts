import { loadPreference, savePreference, SYNC_PREFERENCE } from '../preferences';

// What this device remembers about its sync server. Never the password: the server's cookie
// session (HttpOnly, kept by the browser) is what proves who the person is.

export interface SyncSettings {
  /** The server's address, ending in "/": `/couchdb/` on the app's own origin by default. */
  server: string;
  /** The person's name on the server. */
  name: string;
  /** The household's database on the server: `household-<slug>`. */
  database: string;
}

/** The address Tend suggests: a CouchDB served under the app's own origin (README, "Sync"). */
export const DEFAULT_SERVER = `${import.meta.env.BASE_URL}couchdb/`;

export function loadSyncSettings(): SyncSettings | undefined {
  const saved = loadPreference(SYNC_PREFERENCE);
  if (!saved) return undefined;
  try {
    const parsed = JSON.parse(saved) as Partial<SyncSettings>;
    if (typeof parsed.server === 'string' && typeof parsed.name === 'string' && typeof parsed.database === 'string') {
      return { server: parsed.server, name: parsed.name, database: parsed.database };
    }
  } catch {
    // A damaged preference reads as "sync off"; the person can connect again.
  }
  return undefined;
}

export function saveSyncSettings(settings: SyncSettings | undefined): void {
  savePreference(SYNC_PREFERENCE, settings && JSON.stringify(settings));
}
