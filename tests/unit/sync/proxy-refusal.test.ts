// A household's CouchDB sits behind a reverse proxy (docs/deploying.md), and the proxy can answer
// instead of CouchDB: a push over its body limit (413), its own error page when it does not pass a
// request on (404), a gateway whose server is down (502). Here a tiny proxy on 127.0.0.1, in front
// of the real CouchDB the tests start, answers as nginx does, and each device says so in words.
import { createServer, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storedTodo } from '../../../src/lib/stored-rows';
import { NOTES_MAX } from '../../../src/lib/todos/stored';
import { forward } from '../../../scripts/proxy.mjs';
import { basicAuth, type SyncServer } from '../../../scripts/sync-server.mjs';
import { device, eventually, household, startServer, type Device } from './devices';

interface TestProxy {
  url: string;
  /** A `_bulk_docs` body over this many bytes is refused with 413, as nginx's client_max_body_size does. */
  bodyLimit: number;
  /** What the proxy answers to everything instead of passing it on, as its own error page. */
  answer: 404 | 502 | undefined;
  /** Requests it refused with 413. */
  tooLarge: number;
  /** Requests passed on to CouchDB and not yet closed. */
  open: Set<ClientRequest>;
  close(): Promise<void>;
}

async function startProxy(target: string): Promise<TestProxy> {
  const upstream = new URL(target);
  const page = (status: number, title: string) => `<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center><hr><center>nginx</center></body></html>`;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (made.answer) {
      res.writeHead(made.answer, { 'Content-Type': 'text/html' });
      res.end(page(made.answer, made.answer === 404 ? 'Not Found' : 'Bad Gateway'));
      return;
    }
    if (url.includes('/_bulk_docs') && Number(req.headers['content-length'] ?? Infinity) > made.bodyLimit) {
      made.tooLarge += 1;
      // nginx answers before reading the body, and closes the connection.
      res.writeHead(413, { 'Content-Type': 'text/html', Connection: 'close' });
      res.end(page(413, 'Request Entity Too Large'));
      req.resume();
      return;
    }
    forward(req, res, upstream, url, made.open);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const made: TestProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodyLimit: Infinity,
    answer: undefined,
    tooLarge: 0,
    open: new Set(),
    async close() {
      for (const request of made.open) request.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return made;
}

let server: SyncServer;
let proxy: TestProxy;
let running: Device[] = [];
let households = 0;

beforeAll(async () => {
  server = await startServer();
  proxy = await startProxy(server.url);
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

afterEach(async () => {
  for (const one of running) await one.stop().catch(() => undefined);
  running = [];
  Object.assign(proxy, { bodyLimit: Infinity, answer: undefined, tooLarge: 0 });
});

/** A device of a new household, reaching CouchDB through the proxy, synced and connected. */
async function connectedDevice(): Promise<Device> {
  households += 1;
  const ann = { name: `ann-proxied-${households}`, password: 'ann-secret' };
  const home = await household(server, `proxied-${households}`, [ann]);
  const made = await device(proxy.url, home, ann);
  running.push(made);
  await made.start();
  await eventually(() => expect(made.status.phase).toBe('connected'));
  return made;
}

async function onServer(database: string, id: string): Promise<number> {
  return (await fetch(`${server.url}/${database}/${id}`, { headers: { Authorization: basicAuth(server.admin) } })).status;
}

const longTodo = () => storedTodo({ title: 'Write the long list', notes: 'n'.repeat(NOTES_MAX), done: 0, createdAt: 1, updatedAt: 1 });

describe('a proxy in front of the sync server', () => {
  it('refuses a push as too large: the Sync page says so, sync stops instead of retrying, and Try again sends it once the limit is raised', async () => {
    const ann = await connectedDevice();
    proxy.bodyLimit = 1500;
    const row = longTodo();
    await ann.db.todos.add(row);

    await eventually(() => expect(ann.status.phase).toBe('error'));
    expect(ann.status.problem?.kind).toBe('not-couchdb');
    expect(ann.status.problem?.message).toContain('refused this device’s changes as too large (HTTP 413)');
    expect(ann.status.problem?.message).toContain('press Try again');
    expect(ann.status.waiting).toBe(1);
    // Sync has stopped both ways: no request of this device is left open at the server (a live
    // sync always holds its changes feed open), so nothing comes back to send it again.
    await eventually(() => expect(proxy.open.size).toBe(0));
    expect(proxy.tooLarge).toBe(1);
    expect(await onServer(ann.status.settings!.database, row.id)).toBe(404);

    // Whoever runs the server raises the limit; Try again sends the change.
    proxy.bodyLimit = Infinity;
    ann.engine.syncNow();
    await eventually(async () => expect(await onServer(ann.status.settings!.database, row.id)).toBe(200));
    await eventually(() => expect(ann.status.phase).toBe('connected'));
    expect(ann.status.problem).toBeUndefined();
    await eventually(() => expect(ann.status.waiting).toBe(0));
    expect(proxy.tooLarge).toBe(1);
  }, 30_000);

  it('says so when the proxy answers with its own page instead of CouchDB’s, and Try again meets it once more', async () => {
    const ann = await connectedDevice();
    proxy.answer = 404;
    await ann.db.todos.add(storedTodo({ title: 'Buy milk', done: 0, createdAt: 1, updatedAt: 1 }));

    await eventually(() => expect(ann.status.phase).toBe('error'));
    expect(ann.status.problem).toEqual({ kind: 'not-couchdb', message: expect.stringContaining('answered with something other than CouchDB (HTTP 404)') });
    ann.engine.syncNow();
    await eventually(() => expect(ann.status.phase).toBe('error'));
    expect(ann.status.problem?.message).toContain('HTTP 404');
  }, 30_000);

  it('waits, offline, while the proxy says the server behind it is down, and carries on when it is back', async () => {
    const ann = await connectedDevice();
    proxy.answer = 502;
    const row = storedTodo({ title: 'Buy milk', done: 0, createdAt: 1, updatedAt: 1 });
    await ann.db.todos.add(row);

    await eventually(() => expect(ann.status.phase).toBe('offline'));
    expect(ann.status.problem).toEqual({ kind: 'unreachable', message: expect.stringContaining('does not answer behind its proxy (HTTP 502)') });
    proxy.answer = undefined;
    // Its back-off retries by itself (at most 30 s apart); the network coming back retries at once.
    ann.engine.syncNow();
    await eventually(async () => expect(await onServer(ann.status.settings!.database, row.id)).toBe(200));
    await eventually(() => expect(ann.status.phase).toBe('connected'));
    expect(ann.status.problem).toBeUndefined();
  }, 30_000);
});
