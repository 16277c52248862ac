// Simulated devices for sync tests: each has its own Tend database (fake IndexedDB), its own
// copy of the household's database (PouchDB) and its own engine, all against one real sync
// server process (CouchDB on 127.0.0.1, started by the test: scripts/sync-server.mjs).
import PouchDB from 'pouchdb-browser';
import memory from 'pouchdb-adapter-memory';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { TendDB, type SchemaVersion } from '../../../src/db/schema';
import { SyncEngine } from '../../../src/lib/sync/engine';
import { installOutbox } from '../../../src/lib/sync/outbox';
import { SyncStatus } from '../../../src/lib/sync/status.svelte';
import { basicAuth, createHousehold, startSyncServer, type Credentials, type Household, type SyncServer } from '../../../scripts/sync-server.mjs';

PouchDB.plugin(memory);

let devices = 0;

export interface Device {
  name: string;
  db: TendDB;
  status: SyncStatus;
  engine: SyncEngine;
  /** While true, every request to the server fails as it does with no network. */
  unreachable: boolean;
  /**
   * While true, only asking the server for the household database's info fails so (what
   * replication asks after each batch it pulls); `infoRefused` counts those refused.
   */
  infoUnreachable: boolean;
  infoRefused: number;
  /**
   * Called with each request once the server has answered it, before the engine sees the
   * answer: a test can act at that very moment (restart sync while a push is in flight).
   */
  onAnswer: ((request: { method: string; path: string }) => void) | undefined;
  /** Starts (or restarts) syncing. */
  start(): Promise<void>;
  /** With sync stopped: copies the household's database into this device's copy, as a first pull would. */
  prefetch(): Promise<void>;
  /** With sync stopped: closes the database and opens it with this schema history (an update of Tend). */
  update(versions: readonly SchemaVersion[]): Promise<void>;
  stop(options?: { forget?: boolean }): Promise<void>;
}

export async function startServer(): Promise<SyncServer> {
  return startSyncServer();
}

export async function household(server: SyncServer, slug: string, people: Credentials[]): Promise<Household> {
  return createHousehold(server.url, server.admin, { slug, people });
}

/** Whether a request asks for a database's info: a GET of the database itself. */
function isInfoRequest(url: string | Request, init: RequestInit | undefined, database: string): boolean {
  const method = init?.method ?? (typeof url === 'string' ? 'GET' : url.method);
  return method === 'GET' && new URL(typeof url === 'string' ? url : url.url).pathname === `/${database}/`;
}

/** A device signed in as `person`, with sync not yet started. */
export async function device(serverUrl: string, home: Household, person: Credentials): Promise<Device> {
  devices += 1;
  // Read once: devices made at the same time must not share a name after the await below.
  const dbName = `device-${devices}`;
  const localName = `${dbName}-copy`;
  const db = new TendDB(dbName);
  installOutbox(db);
  await db.open();
  const status = new SyncStatus();
  const settings = { server: `${serverUrl}/`, name: person.name, database: home.database };
  const fetchAs = async (url: string | Request, init?: RequestInit) => {
    // As a browser's fetch fails with no network, or with the server's machine gone.
    if (made.unreachable) throw new TypeError('Failed to fetch');
    if (made.infoUnreachable && isInfoRequest(url, init, home.database)) {
      made.infoRefused += 1;
      throw new TypeError('Failed to fetch');
    }
    const headers = new Headers(init?.headers);
    headers.set('Authorization', basicAuth(person));
    const answer = await fetch(url, { ...init, headers });
    made.onAnswer?.({ method: init?.method ?? 'GET', path: new URL(typeof url === 'string' ? url : url.url).pathname });
    return answer;
  };
  const made: Device = {
    name: person.name,
    unreachable: false,
    infoUnreachable: false,
    infoRefused: 0,
    onAnswer: undefined,
    db,
    status,
    engine: new SyncEngine({ db, settings, status, localName, adapter: 'memory', fetch: fetchAs }),
    async prefetch() {
      const copy = new PouchDB(localName, { adapter: 'memory' });
      await copy.replicate.from(new PouchDB(`${serverUrl}/${home.database}`, { fetch: fetchAs, skip_setup: true }));
      await copy.close();
    },
    async update(versions) {
      made.db.close();
      made.db = new TendDB(dbName, { versions });
      installOutbox(made.db);
      await made.db.open();
    },
    async start() {
      made.engine = new SyncEngine({ db: made.db, settings, status, localName, adapter: 'memory', fetch: fetchAs });
      await made.engine.start();
    },
    async stop(options) {
      await made.engine.stop(options);
    },
  };
  return made;
}

/** Waits, a bounded number of times, until `check` passes; then the last failure is thrown. */
export async function eventually(check: () => Promise<void> | void, tries = 200): Promise<void> {
  for (let tried = 1; ; tried += 1) {
    try {
      await check();
      return;
    } catch (error) {
      if (tried >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export async function rows(db: TendDB, table: string): Promise<Record<string, unknown>[]> {
  return (await db.table(table).toArray()) as Record<string, unknown>[];
}

export { expect };

/**
 * One sync server for a test file, started before its tests and stopped after them, and
 * `devicesOf(count)`: `count` devices of a new household, each its own person, not yet syncing,
 * each stopped after its test.
 */
export function serverForThisFile(): { devicesOf(count: number): Promise<Device[]> } {
  let server: SyncServer | undefined;
  let running: Device[] = [];
  let households = 0;
  beforeAll(async () => {
    server = await startServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    for (const one of running) await one.stop().catch(() => undefined);
    running = [];
  });
  return {
    async devicesOf(count) {
      if (!server) throw new Error('The sync server has not started.');
      households += 1;
      const people = Array.from({ length: count }, (_, n) => ({ name: `p${n}-${households}`, password: `secret-${n}` }));
      const home = await household(server, `home-${households}`, people);
      const made = await Promise.all(people.map((person) => device(server!.url, home, person)));
      running.push(...made);
      return made;
    },
  };
}

/** Waits until nothing is waiting to be sent on these devices, by the outbox and by the page's count. */
export async function nothingWaiting(...on: Device[]): Promise<void> {
  for (const one of on) {
    await eventually(async () => {
      expect(await one.db.outbox.toArray(), one.name).toEqual([]);
      expect(one.status.waiting, one.name).toBe(0);
    });
  }
}
