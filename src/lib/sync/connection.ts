import { db, onStorageMutated } from '../../db/db';
import { reopenDatabase } from '../database-status.svelte';
import { pwa } from '../pwa.svelte';
import { MODEL_FIELDS } from './documents';
import type { SyncEngine } from './engine';
import { installOutbox, queueEverything, removeOutbox } from './outbox';
import { SYNC_ENGINE_CACHE } from './engine-cache';
import { loadSyncSettings, saveSyncSettings, type SyncSettings } from './settings';
import { syncStatus } from './status.svelte';

// Turning sync on and off for this device. Signing in uses CouchDB's cookie session: the
// password goes to the server once and is never stored; the browser keeps the session cookie
// (HttpOnly, out of reach of scripts) for the server's address.

/** A problem with what the person typed, to show next to that field (or above the button). */
export class SyncFormError extends Error {
  readonly field: 'server' | 'name' | 'password' | undefined;
  constructor(field: SyncFormError['field'], message: string) {
    super(message);
    this.name = 'SyncFormError';
    this.field = field;
  }
}

/** The role a household's people have, and the database it names (scripts/sync-server.mjs). */
const HOUSEHOLD_ROLE = /^household:([a-z0-9][a-z0-9_-]*)$/;

let engine: SyncEngine | undefined;

export { installOutbox };

/** Signs in, finds the person's household, and starts syncing this device with it. */
export async function connect(input: { server: string; name: string; password: string }): Promise<void> {
  const server = input.server.trim().replace(/\/?$/, '/');
  const name = input.name.trim();
  if (!input.server.trim()) throw new SyncFormError('server', 'Enter the sync server’s address.');
  if (!name) throw new SyncFormError('name', 'Enter your name on the sync server.');
  if (!input.password) throw new SyncFormError('password', 'Enter your password.');
  syncStatus.phase = 'connecting';
  try {
    const session = await signIn(server, name, input.password);
    const database = await householdOf(server, session);
    const settings: SyncSettings = { server, name: session.name, database };
    await queueEverything(db);
    saveSyncSettings(settings);
    await reopenDatabase(() => installOutbox(db));
    await startEngine(settings);
  } catch (error) {
    syncStatus.phase = 'off';
    throw error;
  }
}

/** At start-up, when sync was on: carries on where it was (the outbox layer is already in). */
export async function resumeSync(): Promise<void> {
  const settings = loadSyncSettings();
  if (settings) await startEngine(settings);
}

export function syncNow(): void {
  if (engine) engine.syncNow();
  else if (engineMissing) window.location.reload();
}

/**
 * Stops sync on this device and ends the session. Keeping the data leaves Tend as it was
 * before sync; removing it empties the household's tables here (the server keeps them).
 */
export async function signOut({ keepData }: { keepData: boolean }): Promise<void> {
  const settings = loadSyncSettings() ?? syncStatus.settings;
  await stopEngine();
  if (settings) await fetch(`${settings.server}_session`, { method: 'DELETE', credentials: 'include' }).catch(() => undefined);
  saveSyncSettings(undefined);
  // The engine's code goes too: a device that does not sync does not keep it, nor fetch its updates.
  await globalThis.caches?.delete(SYNC_ENGINE_CACHE).catch(() => false);
  await reopenDatabase(() => removeOutbox(db));
  const tables = [db.outbox, db.synced, db.syncNotes, ...(keepData ? [] : Object.keys(MODEL_FIELDS).map((table) => db.table(table)))];
  await db.transaction('rw', tables, async () => {
    for (const table of tables) await table.clear();
  });
  Object.assign(syncStatus, { phase: 'off', settings: undefined, lastSyncedAt: undefined, waiting: 0, problem: undefined, refused: [], newerRows: 0 });
}

/**
 * Starts this device's engine in one tab only: two engines on one database would send the same
 * changes twice. The others wait for the lock (it passes on when that tab closes) and say so;
 * what they write still goes, through the shared outbox.
 */
async function startEngine(settings: SyncSettings) {
  syncStatus.settings = settings;
  const code = await loadEngine();
  if (!code) return;
  syncStatus.problem = undefined;
  const { SyncEngine } = code;
  const run = async () => {
    if (loadSyncSettings() === undefined) return;
    engine = new SyncEngine({ db, settings, status: syncStatus });
    await engine.start();
    globalThis.addEventListener('storage', signedOutElsewhere);
    await new Promise<void>((release) => (releaseLock = release));
  };
  if (!navigator.locks) return void (await run());
  syncStatus.phase = 'elsewhere';
  void navigator.locks.request(SYNC_LOCK, run);
}

/**
 * The engine's code is not precached: only those who sync download it (vite.config.ts), and a
 * new version's service worker fetches its own engine as it installs on a device that syncs.
 * Should it still be missing offline (the browser evicted it), sync says so and waits; a page
 * cannot fetch a module again after a failed import, so it starts on the next load.
 */
async function loadEngine(): Promise<typeof import('./engine') | undefined> {
  try {
    return await pwa.loadNotPrecached(() => import('./engine'));
  } catch {
    if (!engineMissing) {
      // Without the engine, the count of changes waiting follows the outbox here.
      onStorageMutated(() => void countWaiting());
    }
    engineMissing = true;
    syncStatus.phase = 'offline';
    syncStatus.problem = { kind: 'unreachable', message: 'Sync’s code is not on this device yet. Once it is online, reload Tend (or press Try again) to start syncing.' };
    await countWaiting();
    return undefined;
  }
}

/** The engine could not be loaded into this page: only a reload can try again. */
let engineMissing = false;

async function countWaiting() {
  syncStatus.waiting = await db.outbox.count();
}

/** Another tab signed out (its settings are gone): this tab's engine stops too. */
function signedOutElsewhere() {
  if (engine && loadSyncSettings() === undefined) {
    void stopEngine();
    syncStatus.phase = 'off';
  }
}

/** Stops this tab's engine, forgets this device's copy, then lets go of the lock. */
async function stopEngine(): Promise<void> {
  const stopping = engine;
  engine = undefined;
  globalThis.removeEventListener('storage', signedOutElsewhere);
  await stopping?.stop({ forget: true });
  releaseLock?.();
  releaseLock = undefined;
}

/** Held by the one tab of this device whose engine syncs. */
const SYNC_LOCK = 'tend-sync';

/** Lets go of the lock, for another tab's engine to take over (after signing out: none will). */
let releaseLock: (() => void) | undefined;

interface Session {
  name: string;
  roles: string[];
}

async function signIn(server: string, name: string, password: string): Promise<Session> {
  let response: Response;
  try {
    response = await fetch(`${server}_session`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name, password }),
    });
  } catch {
    throw new SyncFormError('server', `Tend could not reach ${server}. Check the address, and that this device is online.`);
  }
  if (response.status === 401) throw new SyncFormError('password', 'That name and password do not match anyone on this server.');
  const body = (await response.json().catch(() => undefined)) as (Partial<Session> & { ok?: boolean }) | undefined;
  if (!response.ok || !body?.ok || typeof body.name !== 'string') {
    throw new SyncFormError('server', `${server} did not answer as a CouchDB server does (HTTP ${response.status}).`);
  }
  return { name: body.name, roles: body.roles ?? [] };
}

async function householdOf(server: string, session: Session): Promise<string> {
  const slug = session.roles.map((role) => HOUSEHOLD_ROLE.exec(role)?.[1]).find(Boolean);
  if (!slug) throw new SyncFormError(undefined, `${session.name} is in no household on this server. Ask whoever runs it to add you (npm run sync:setup).`);
  const database = `household-${slug}`;
  const response = await fetch(`${server}${database}`, { credentials: 'include', headers: { Accept: 'application/json' } }).catch(() => undefined);
  if (!response?.ok) throw new SyncFormError(undefined, `The household “${slug}” has no database on this server, or you may not open it. Ask whoever runs the server.`);
  return database;
}
