import PouchDB from 'pouchdb-browser';
import { onStorageMutated } from '../../db/db';
import type { TendDB } from '../../db/schema';
import { REPLICATION_BATCH, type RowDoc } from './documents';
import { applyDocs, settleConflict, settleNames, tableHolding, type ReceiveContext } from './receive';
import { confirmPushed, sendOutbox } from './send';
import type { SyncSettings } from './settings';
import type { SyncProblem, SyncStatus } from './status.svelte';

// Where a replication keeps how far it got: only in this device's own copy. A `_local` checkpoint
// on the server is never validated, and any member can write one; PouchDB would trust a moved one
// and skip the changes before it. The copy is the pull's target and the push's source.
const PULL_CHECKPOINTS = { checkpoint: 'target' } as const;
const PUSH_CHECKPOINTS = { checkpoint: 'source' } as const;

// Sync, once it is on: this device keeps a copy of the household's CouchDB database (PouchDB,
// in IndexedDB), PouchDB's replication keeps that copy and the server in step both ways, live,
// retrying while offline, and Tend moves rows between that copy and its own tables: the outbox
// out (send.ts), the copy's changes feed in (receive.ts). Loaded only once sync is turned on.

export interface EngineOptions {
  db: TendDB;
  settings: SyncSettings;
  status: SyncStatus;
  /** The name of this device's copy; tests give each simulated device its own. */
  localName?: string;
  /**
   * Where the copy is kept: IndexedDB unless told otherwise. Tests in Node keep it in memory,
   * as PouchDB cannot store its data in the stand-in IndexedDB there.
   */
  adapter?: string;
  /** How requests reach the server; tests sign in with their own. */
  fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
}

/**
 * The server's database, whose info() gives its last answer when the server cannot be reached.
 * PouchDB's replication asks for that info after every batch it pulls, only to count its
 * progress, and leaves a failure of the request unhandled: a network gone just then surfaced
 * as an unexpected error (the app's error banner), where sync, which retries, has only to say
 * it is offline. Only the count uses the answer (and the count of a replication's start), and
 * Tend reads neither; with no answer yet, a failure is a failure.
 */
function keepingLastInfo<Doc extends object>(remote: PouchDB.Database<Doc>): PouchDB.Database<Doc> {
  const info = remote.info.bind(remote);
  let last: PouchDB.Core.DatabaseInfo | undefined;
  remote.info = (() =>
    info().then(
      (answer) => (last = answer),
      (error: unknown) => {
        if (last) return last;
        throw error;
      },
    )) as typeof remote.info;
  return remote;
}

/** Rows a transaction applies when a new device first fills Tend's tables from its copy. */
const FIRST_APPLY_PAGE = 2000;

/** Where in its copy's changes feed this device has applied up to. */
const CHECKPOINT = '_local/tend-applied';

export class SyncEngine {
  readonly local: PouchDB.Database<RowDoc>;
  readonly #remote: PouchDB.Database<RowDoc>;
  readonly #options: EngineOptions;
  readonly #context: ReceiveContext;
  #replication: PouchDB.Replication.Sync<RowDoc> | undefined;
  /** The last request of the live sync failed; replication retries, and says so when one works. */
  #requestFailed = false;
  #feed: PouchDB.Core.Changes<RowDoc> | undefined;
  #stopped = false;
  /** The work queue: sending and applying run one at a time, in order. */
  #queue: Promise<void> = Promise.resolve();
  #sendAgain = false;
  #pulling: PouchDB.Replication.Replication<RowDoc> | undefined;
  /** Changes from the copy's feed waiting to be applied. */
  #arrived: PouchDB.Core.ChangesResponseChange<RowDoc>[] = [];
  /** What stops each watch this engine keeps (the network, Tend's tables). */
  readonly #unwatch: (() => void)[] = [];

  constructor(options: EngineOptions) {
    this.#options = options;
    const { settings, db } = options;
    this.local = new PouchDB<RowDoc>(options.localName ?? `tend-sync-${settings.database}`, options.adapter ? { adapter: options.adapter } : {});
    const remote = new URL(settings.server + settings.database, globalThis.location?.href ?? 'http://localhost/').href;
    const fetchFromServer = answersFromCouchDB(options.fetch ?? ((url, init) => globalThis.fetch(url, init)));
    this.#remote = keepingLastInfo(new PouchDB<RowDoc>(remote, { skip_setup: true, fetch: fetchFromServer }));
    this.#context = { db, local: this.local, by: settings.name };
  }

  get #status() {
    return this.#options.status;
  }

  async start(): Promise<void> {
    this.#status.phase = 'connecting';
    this.#status.settings = this.#options.settings;
    this.#watchNetwork();
    // Not awaited: a server that does not answer must not hold up the app.
    void this.#firstPull()
      .then(async () => {
        if (this.#stopped) return;
        await this.#startFeed();
        this.#watchOutbox();
        this.send();
        this.#replicate();
      })
      .catch((error: unknown) => this.#problem({ kind: 'server', message: `Sync could not start on this device: ${messageOf(error)}` }));
  }

  /**
   * The browser knows first when the network goes: say so at once, rather than when a request
   * times out. When it is back, retry at once rather than after replication's back-off.
   */
  #watchNetwork() {
    const offline = () => (this.#status.phase = 'offline');
    const online = () => this.syncNow();
    globalThis.addEventListener?.('offline', offline);
    globalThis.addEventListener?.('online', online);
    this.#unwatch.push(() => {
      globalThis.removeEventListener?.('offline', offline);
      globalThis.removeEventListener?.('online', online);
    });
  }

  /** Offline as far as the browser knows (in Node, where tests run, it never says). */
  #offline(): boolean {
    return globalThis.navigator?.onLine === false;
  }

  /**
   * Stops replication and the feed, after the work under way. The copy stays on the device,
   * unless `forget`: then it is deleted (signing out), so that signing in again starts afresh.
   */
  async stop({ forget = false }: { forget?: boolean } = {}): Promise<void> {
    this.#stopped = true;
    this.#pulling?.cancel();
    for (const unwatch of this.#unwatch.splice(0)) unwatch();
    this.#replication?.cancel();
    this.#feed?.cancel();
    await this.#queue;
    await Promise.all([forget ? this.local.destroy() : this.local.close(), this.#remote.close()]);
  }

  /** Retries at once rather than after replication's back-off (the network came back). */
  syncNow(): void {
    // Before the live sync has begun, the first pull is still trying on its own.
    if (this.#stopped || !this.#replication) return;
    // A refusal stopped sync (see refusedByTheWay): this is the one new try it gets.
    if (this.#status.problem?.kind === 'not-couchdb') Object.assign(this.#status, { phase: 'connecting', problem: undefined });
    this.#replication?.cancel();
    this.#replicate();
  }

  /** Sends the outbox; asked again while sending, it goes round once more. */
  send(): void {
    if (this.#sendAgain) return;
    this.#sendAgain = true;
    this.#enqueue(async () => {
      this.#sendAgain = false;
      await settleNames(this.#options.db);
      while (!this.#stopped && (await sendOutbox(this.#context)) > 0);
      await this.#countWaiting();
    });
  }

  /** Resolves once all work queued so far is done (tests wait on it). */
  idle(): Promise<void> {
    return this.#queue;
  }

  #enqueue(work: () => Promise<void>) {
    this.#queue = this.#queue.then(work).catch((error: unknown) => {
      if (!this.#stopped) this.#problem({ kind: 'server', message: `Sync stopped on this device: ${messageOf(error)}` });
    });
  }

  /**
   * A new device pulls the household into its copy before applying any of it: replication runs
   * at its own pace, and the rows then go into Tend's tables in large batches, rather than both
   * taking turns on the page's one thread (bench figure 10a). Offline, or stopped, it gives up
   * quietly: the live sync that follows catches up either way.
   */
  async #firstPull() {
    if ((await this.#options.db.synced.count()) > 0 || (await this.local.info()).doc_count > 0) return;
    this.#pulling = this.local.replicate.from(this.#remote, { batch_size: REPLICATION_BATCH, ...PULL_CHECKPOINTS });
    const pulled = await this.#pulling.then(
      () => true,
      () => false,
    );
    this.#pulling = undefined;
    if (pulled && !this.#stopped) await this.#enqueueAndWait(() => this.#applyCopy());
  }

  /**
   * Applies the whole copy, a page of documents per transaction, then starts the changes feed
   * where the copy was. A conflict the household already had is settled first, as the feed would.
   */
  async #applyCopy() {
    const { update_seq: seq } = await this.local.info();
    for (let after: string | undefined; ; ) {
      const page = await this.local.allDocs({ include_docs: true, conflicts: true, limit: FIRST_APPLY_PAGE, ...(after === undefined ? {} : { startkey: after, skip: 1 }) });
      const last = page.rows[page.rows.length - 1];
      if (!last) break;
      const docs: RowDoc[] = [];
      for (const { id, doc } of page.rows) {
        if (!doc || id.startsWith('_')) continue;
        if ((doc as { _conflicts?: string[] })._conflicts && (await settleConflict(this.#context, id))) continue;
        docs.push(doc);
      }
      await applyDocs(this.#context, docs);
      after = last.id;
    }
    await this.#saveCheckpoint(seq);
  }

  #enqueueAndWait(work: () => Promise<void>): Promise<void> {
    this.#enqueue(work);
    return this.#queue;
  }

  async #startFeed() {
    // Tend's side knows no revision yet (a first sync, or after signing out): apply everything
    // the copy holds, whatever an earlier sign-in left as its checkpoint.
    const fresh = (await this.#options.db.synced.count()) === 0;
    const since = fresh ? 0 : await this.local.get<{ seq: number | string }>(CHECKPOINT).then((doc) => doc.seq, () => 0);
    // return_docs: false, or a feed that lives for days would keep every change it ever gave.
    this.#feed = this.local.changes({ since, live: true, include_docs: true, style: 'all_docs', return_docs: false });
    this.#feed.on('change', (change) => {
      this.#arrived.push(change);
      if (this.#arrived.length === 1) this.#enqueue(() => this.#applyArrived());
    });
  }

  /**
   * Applies what arrived since the last time, in one transaction: a first sync of thousands
   * of rows is a few large writes rather than one per row.
   */
  async #applyArrived() {
    const changes = this.#arrived.splice(0);
    const docs: RowDoc[] = [];
    for (const change of changes) {
      // More than one leaf: a conflict (or a delete that met a change). Settling it writes
      // a merged revision, which comes through this feed in turn.
      if (change.changes.length > 1 && (await settleConflict(this.#context, change.id))) continue;
      // Design documents (the server's validation) are the server's, not rows.
      if (change.doc && !change.id.startsWith('_')) docs.push(change.doc);
    }
    if (docs.length > 0) await applyDocs(this.#context, docs);
    await this.#saveCheckpoint(changes[changes.length - 1]!.seq);
    await this.#countWaiting();
  }

  async #saveCheckpoint(seq: number | string) {
    const saved = await this.local.get<{ seq: number | string }>(CHECKPOINT).catch(() => ({ _id: CHECKPOINT, seq: 0 }));
    await this.local.put({ ...saved, seq } as never);
  }

  /**
   * Every write to Tend's tables, in this tab or another (Dexie tells every tab), may have
   * filled the outbox.
   */
  #watchOutbox() {
    const prefix = `idb://${this.#options.db.name}/`;
    const onMutated = (parts: Record<string, unknown>) => {
      if (Object.keys(parts).some((part) => part.startsWith(prefix))) this.send();
    };
    this.#unwatch.push(onStorageMutated(onMutated));
  }

  /** The counts the Sync page shows: changes not yet on the server, and rows only a newer Tend can show. */
  async #countWaiting() {
    const { db } = this.#options;
    this.#status.waiting = await db.outbox.count();
    this.#status.newerRows = await db.syncNotes.filter((note) => note.newerSchema !== undefined).count();
  }

  #replicate() {
    const replication = this.local.sync(this.#remote, {
      live: true,
      retry: true,
      back_off_function: backOff,
      batch_size: REPLICATION_BATCH,
      pull: PULL_CHECKPOINTS,
      push: PUSH_CHECKPOINTS,
    });
    this.#replication = replication;
    this.#requestFailed = false;
    // Sync's own 'paused' carries no error, and follows a failed request too (as each direction
    // waits to retry): a failure is heard from the direction whose request failed.
    const { push, pull } = replication as unknown as Directions;
    for (const direction of [push, pull]) {
      direction.on('requestError', (error: unknown) => {
        if (this.#stopped || this.#replication !== replication) return;
        this.#requestFailed = true;
        const refused = refusedByTheWay(error, direction === push ? 'push' : 'pull');
        if (refused?.kind === 'not-couchdb') {
          // Retrying cannot help until whoever runs the server changes it: sync stops, the
          // changes stay in the outbox, and Try again (or the network coming back) retries once.
          this.#problem(refused);
          replication.cancel();
        } else if (refused) {
          if (this.#status.phase !== 'error') Object.assign(this.#status, { phase: 'offline', problem: refused });
        } else if (isAuthError(error)) this.#problem({ kind: 'session-ended', message: 'The server asks for your password again: sign out and connect again.' });
        else if (this.#status.phase !== 'error') this.#status.phase = 'offline';
      });
    }
    replication
      .on('change', (info: PouchDB.Replication.SyncResult<RowDoc>) => {
        if (info.direction === 'push') this.#enqueue(() => this.#confirmPushed(info.change.docs));
      })
      .on('active', () => {
        this.#requestFailed = false;
        if (this.#status.phase !== 'error' && !this.#offline()) Object.assign(this.#status, { phase: 'connected', problem: undefined });
      })
      .on('paused', () => {
        if (this.#stopped || this.#replication !== replication) return;
        if (this.#status.phase === 'error') return;
        if (this.#offline() || this.#requestFailed) {
          this.#status.phase = 'offline';
        } else {
          this.#status.phase = 'connected';
          this.#status.problem = undefined;
          this.#status.lastSyncedAt = Date.now();
          this.#enqueue(() => this.#confirmWithServer());
        }
      })
      .on('denied', (event: unknown) => {
        // The server's validation said no (sync/validate-doc-update.js). The row stays here.
        const refused = (event as { doc?: { id?: string; reason?: string; message?: string } }).doc ?? {};
        const id = refused.id ?? '';
        // Refused is settled: it no longer waits to be sent (unless the row changed again since).
        this.#enqueue(async () => {
          await this.#options.db.outbox.where('id').equals(id).filter((entry) => entry.sentRev !== undefined).delete();
          await this.#countWaiting();
        });
        void tableHolding(this.#options.db, id).then((table) => {
          this.#status.refused = [...this.#status.refused.filter((known) => known.id !== id), { id, table: table ?? '', reason: refused.reason ?? refused.message ?? 'refused' }];
        });
      })
      .on('error', (error: unknown) => {
        if (this.#replication !== replication) return;
        if (isAuthError(error)) this.#problem({ kind: 'session-ended', message: 'The server asks for your password again: sign out and connect again.' });
        else this.#problem({ kind: 'server', message: `The server stopped sync: ${messageOf(error)}` });
      });
  }

  async #confirmPushed(docs: readonly { _id: string; _rev?: string }[]) {
    await confirmPushed(this.#options.db, docs);
    await this.#countWaiting();
  }

  /**
   * Clears the sent changes the server has, by asking it: replication reports only what it
   * pushed itself, so a change the server got otherwise stayed "waiting" for ever: the same
   * delete made on two devices (one revision, which the second finds already there), or a
   * push that stored its batch just as a restart (Try again, the network back) cancelled it.
   */
  async #confirmWithServer() {
    const sent = await this.#options.db.outbox.filter((entry) => entry.sentRev !== undefined).toArray();
    for (let start = 0; start < sent.length; start += REPLICATION_BATCH) {
      const batch = sent.slice(start, start + REPLICATION_BATCH);
      // Unanswered (the network went again): the next pause of replication asks again.
      const missing = await this.#remote.revsDiff(Object.fromEntries(batch.map((entry) => [entry.id, [entry.sentRev!]]))).catch(() => undefined);
      if (!missing) return;
      await confirmPushed(this.#options.db, batch.filter((entry) => !missing[entry.id]).map((entry) => ({ _id: entry.id, _rev: entry.sentRev })));
    }
    await this.#countWaiting();
  }

  #problem(problem: SyncProblem) {
    this.#status.phase = 'error';
    this.#status.problem = problem;
  }
}

/** Retries quickly at first, then at most every 30 seconds, while the server is out of reach. */
/** A sync's two replications, each reporting its failed requests (PouchDB's types leave these out). */
interface Directions {
  push: { on(event: 'requestError', listener: (error: unknown) => void): unknown };
  pull: { on(event: 'requestError', listener: (error: unknown) => void): unknown };
}

function backOff(delay: number): number {
  return delay === 0 ? 1000 : Math.min(delay * 2, 30_000);
}

/** How an answer that is not CouchDB's is told apart: its own `name` (PouchDB keeps own properties). */
const NOT_FROM_COUCHDB = 'not_from_couchdb';

/**
 * The server's fetch, failing with the answer's status when something in front of CouchDB (a
 * reverse proxy) answered instead: its error page is no JSON, which PouchDB would only report as
 * a parse error without a status, and retry for ever. A 413 fails so too, CouchDB's own included:
 * the same request is too large every time it is sent.
 */
function answersFromCouchDB(fetchFrom: NonNullable<EngineOptions['fetch']>): NonNullable<EngineOptions['fetch']> {
  return async (url, init) => {
    const answer = await fetchFrom(url, init);
    const json = /^application\/json\b/i.test(answer.headers.get('Content-Type') ?? '');
    if (answer.ok || (json && answer.status !== 413)) return answer;
    await answer.body?.cancel();
    throw Object.assign(new Error(`HTTP ${answer.status} ${answer.statusText}`.trim()), { name: NOT_FROM_COUCHDB, status: answer.status });
  };
}

/** Gateways that say the server behind them does not answer now: like being offline. */
const GATEWAY_DOWN = new Set([502, 503, 504]);

/**
 * A failed request that something in front of the server answered, in words: a gateway whose
 * server is down is waited for (offline), anything else stops sync until the server changes.
 */
function refusedByTheWay(error: unknown, direction: 'push' | 'pull'): SyncProblem | undefined {
  const { name, status = 0 } = (error ?? {}) as { name?: string; status?: number };
  if (name !== NOT_FROM_COUCHDB) return undefined;
  if (GATEWAY_DOWN.has(status)) {
    return { kind: 'unreachable', message: `The sync server does not answer behind its proxy (HTTP ${status}). Changes wait on this device and go when it is back.` };
  }
  const wait = 'Changes made here wait on this device: ask whoever runs the server, then press Try again.';
  if (status === 413 && direction === 'push') {
    return { kind: 'not-couchdb', message: `The sync server refused this device’s changes as too large (HTTP 413): its proxy’s body limit is too small for Tend. ${wait}` };
  }
  return { kind: 'not-couchdb', message: `The sync server answered with something other than CouchDB (HTTP ${status}): its proxy may not pass Tend’s requests on. ${wait}` };
}

function isAuthError(error: unknown): boolean {
  const status = (error as { status?: number } | undefined)?.status;
  return status === 401 || status === 403;
}

function messageOf(error: unknown): string {
  const known = error as { reason?: string; message?: string } | undefined;
  return known?.reason ?? known?.message ?? String(error);
}
