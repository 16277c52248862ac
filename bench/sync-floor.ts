// The floor of the sync figures (10a–10c): plain PouchDB, the very package and version Tend's
// sync engine uses, with nothing of Tend. Served with the harness build, on an origin of its
// own that forwards /couchdb/ to the bench's sync server as the app's origin does.
import PouchDB from 'pouchdb-browser';
import { REPLICATION_BATCH } from '../src/lib/sync/documents';

/** The household's database on the server, through this origin's /couchdb/. */
const remoteOf = (database: string) => new PouchDB(new URL(`/couchdb/${database}`, location.href).href, { skip_setup: true });

/** Milliseconds since the epoch, to the microsecond: comparable between two browsers. */
const clock = () => performance.timeOrigin + performance.now();

/** A cookie session as `name`, as Tend signs in (POST /_session). */
async function signIn(name: string, password: string): Promise<void> {
  const response = await fetch('/couchdb/_session', {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (!response.ok) throw new Error(`signing in as ${name}: HTTP ${response.status}`);
}

/**
 * 10a: signs in as `name`, as Tend's Connect does first, then replicates the whole household
 * into a new, empty local database, until complete.
 */
async function firstSync(database: string, name: string, password: string) {
  const local = new PouchDB(`floor-${database}`);
  const remote = remoteOf(database);
  const t0 = performance.now();
  await signIn(name, password);
  const signedIn = performance.now();
  // The batch size Tend's engine replicates with (src/lib/sync/engine.ts): the floor gets it too.
  const info = await PouchDB.replicate(remote, local, { batch_size: REPLICATION_BATCH });
  const end = performance.now();
  const { doc_count: docs } = await local.info();
  await Promise.all([local.close(), remote.close()]);
  return { ms: end - t0, signIn: signedIn - t0, replicate: end - signedIn, docs, written: info.docs_written };
}

// 10c: a local copy kept in step with the server both ways, live, as Tend's engine keeps its own.
let live: PouchDB.Database | undefined;
let watching: Promise<number> | undefined;

/** Catches the copy up with the server (untimed), then keeps it in step, live, both ways. */
async function startLive(database: string) {
  live = new PouchDB(`floor-live-${database}`);
  const remote = remoteOf(database);
  await PouchDB.replicate(remote, live);
  live.sync(remote, { live: true, retry: true, batch_size: REPLICATION_BATCH });
  return (await live.info()).doc_count;
}

/** Starts listening for `id` arriving in the copy; `seen()` then gives when it did. */
function watchFor(id: string) {
  const copy = live;
  if (!copy) throw new Error('call syncFloor.startLive first');
  watching = new Promise((resolve) => {
    const feed = copy.changes({ since: 'now', live: true }).on('change', (change) => {
      if (change.id !== id) return;
      resolve(clock());
      feed.cancel();
    });
  });
}

const seen = () => watching;

/** Writes `doc` into the copy; replication carries it to the server. Returns when it started. */
async function write(doc: PouchDB.Core.PutDocument<object>) {
  if (!live) throw new Error('call syncFloor.startLive first');
  const t0 = clock();
  await live.put(doc);
  return t0;
}

const syncFloor = { signIn, firstSync, startLive, watchFor, seen, write };

declare global {
  interface Window {
    syncFloor: typeof syncFloor;
  }
}

window.syncFloor = syncFloor;
document.body.dataset.ready = 'true';
