// The sync server as the household's people meet it, through plain HTTP: each person logs in with
// their own name and password and reaches their household's database and nothing else. These are
// core CouchDB endpoints, against Apache CouchDB 3.5, the server of production.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  HOST,
  createHousehold,
  startSyncServer,
  type Credentials,
  type Household,
  type ServerDiedError,
  type SyncServer,
} from '../../scripts/sync-server.mjs';

const START = 30_000;
const ann: Credentials = { name: 'ann', password: 'ann-secret' };
const bob: Credentials = { name: 'bob', password: 'bob-secret' };

/** POST /_session as a person; the response and the `Cookie` value of their session, if any. */
async function logIn(url: string, person: Credentials) {
  const response = await fetch(`${url}/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(person),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';', 1)[0] ?? '')
    .find((pair) => pair.startsWith('AuthSession=') && pair.length > 'AuthSession='.length);
  return { status: response.status, cookie };
}

async function session(url: string, person: Credentials): Promise<string> {
  const { status, cookie } = await logIn(url, person);
  expect(status).toBe(200);
  expect(cookie).toBeDefined();
  return cookie!;
}

/** A request with a session cookie (or none: anonymous) and an optional JSON body. */
function request(url: string, { method = 'GET', cookie, body }: { method?: string; cookie?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (cookie) headers.Cookie = cookie;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const REFUSED = [401, 403];

/**
 * A to-do as a device stores it on the server, written by `by`: every household database checks
 * writes against _design/tend (sync/validate-doc-update.js; its own tests are sync-validation.test.ts).
 */
function todo(by: string, title: string) {
  const fields = { title, done: 0, createdAt: 1767225600000, updatedAt: 1767225600000 };
  return { type: 'todos', schema: 7, by, fields, edits: { title: 1, done: 1, createdAt: 1, updatedAt: 1 } };
}

/** Whether something accepts connections on 127.0.0.1:`port`; the connection is closed at once. */
function listening(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = connect(port, HOST);
    socket.once('connect', () => {
      socket.destroy();
      answer(true);
    });
    socket.once('error', () => answer(false));
  });
}

describe('a household on the sync server', () => {
  let server: SyncServer | undefined;
  let url = '';
  let a: Household;
  let b: Household;

  beforeAll(async () => {
    server = await startSyncServer();
    url = server.url;
    a = await createHousehold(url, server.admin, { slug: 'a', people: [ann] });
    b = await createHousehold(url, server.admin, { slug: 'b', people: [bob] });
  }, START);

  // A request that crashed the server fails the test that made it, saying so.
  afterEach(() => server?.assertRunning());

  afterAll(async () => {
    await server?.stop();
  });

  it('lets a person log in, write a document to their database and read it back', async () => {
    const cookie = await session(url, ann);
    const me = await (await request(`${url}/_session`, { cookie })).json();
    expect(me.userCtx).toEqual({ name: 'ann', roles: [a.role] });

    const id = '019a0000-0000-7000-8000-000000000001';
    const written = await request(`${a.url}/${id}`, { method: 'PUT', cookie, body: todo('ann', 'Buy milk') });
    expect(written.status).toBe(201);
    const read = await request(`${a.url}/${id}`, { cookie });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ _id: id, type: 'todos', by: 'ann', fields: { title: 'Buy milk' } });
  });

  it("gives a person of another household nothing of this one's database", async () => {
    const id = '019a0000-0000-7000-8000-000000000002';
    const annCookie = await session(url, ann);
    expect((await request(`${a.url}/${id}`, { method: 'PUT', cookie: annCookie, body: todo('ann', 'A only') })).status).toBe(201);

    const cookie = await session(url, bob);
    // Bob is logged in and reaches his own household's database…
    expect((await request(`${b.url}/_all_docs`, { cookie })).status).toBe(200);
    // …and nothing of A's: not a document, not the list, not the feed.
    for (const path of [`/${id}`, '/_all_docs', '/_changes', '']) {
      const response = await request(`${a.url}${path}`, { cookie });
      expect(REFUSED, `GET ${a.database}${path}`).toContain(response.status);
      expect(JSON.stringify(await response.json())).not.toContain('A only');
    }
    const put = await request(`${a.url}/019a0000-0000-7000-8000-000000000003`, { method: 'PUT', cookie, body: todo('bob', 'From B') });
    expect(REFUSED).toContain(put.status);
    // Replication writes through _bulk_docs. CouchDB 3 refuses the request; pouchdb-server 4.2.0
    // answers 201 with every document refused. Either way nothing is written.
    const bulk = await request(`${a.url}/_bulk_docs`, { method: 'POST', cookie, body: { docs: [{ _id: '019a0000-0000-7000-8000-000000000005', ...todo('bob', 'From B too') }] } });
    if (bulk.status === 201) expect(await bulk.json()).toEqual([expect.objectContaining({ error: 'unauthorized' })]);
    else expect(REFUSED).toContain(bulk.status);

    // Nothing Bob sent reached A's database.
    const all = await request(`${a.url}/_all_docs?include_docs=true`, { cookie: annCookie });
    expect(JSON.stringify(await all.json())).not.toContain('From B');
  });

  it('refuses a wrong password', async () => {
    const { status, cookie } = await logIn(url, { name: ann.name, password: 'not-her-password' });
    expect(status).toBe(401);
    expect(cookie).toBeUndefined();
    const basic = await fetch(`${a.url}/_all_docs`, {
      headers: { Authorization: `Basic ${Buffer.from(`${ann.name}:not-her-password`).toString('base64')}` },
    });
    expect(basic.status).toBe(401);
  });

  it('refuses anonymous requests to a household database', async () => {
    for (const path of ['', '/_all_docs', '/_changes', '/019a0000-0000-7000-8000-000000000001']) {
      expect(REFUSED, `GET ${a.database}${path}`).toContain((await request(`${a.url}${path}`)).status);
    }
    const put = await request(`${a.url}/019a0000-0000-7000-8000-000000000004`, { method: 'PUT', body: todo('ann', 'Anonymous') });
    expect(REFUSED).toContain(put.status);
  });

  it("does not let a person change their database's security", async () => {
    const cookie = await session(url, ann);
    const opened = { admins: { names: [], roles: [] }, members: { names: [], roles: [] } };
    // CouchDB 3.5 answers a member's PUT of _security with 500 no_majority: refused all the same.
    expect([...REFUSED, 500]).toContain((await request(`${a.url}/_security`, { method: 'PUT', cookie, body: opened })).status);
    expect((await request(`${a.url}/_all_docs`)).status).toBe(401);
  });
});

describe('the sync server process', () => {
  it('is gone once stopped', async () => {
    const server = await startSyncServer();
    try {
      expect(() => process.kill(server.pid, 0)).not.toThrow();
      expect((await fetch(`${server.url}/`)).status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(() => process.kill(server.pid, 0)).toThrow();
    await expect(fetch(`${server.url}/`)).rejects.toThrow();
  }, START);

  it('does not outlive the process that started it, even one killed outright', async () => {
    const module = new URL('../../scripts/sync-server.mjs', import.meta.url).href;
    const scratch = mkdtempSync(join(tmpdir(), 'tend-sync-test-'));
    const starter = spawn(
      process.execPath,
      ['--input-type=module', '-e', `const s = await (await import(${JSON.stringify(module)})).startSyncServer(); console.log(s.url);`],
      // Its temporary folder inside one of this test's, as nothing is left to remove it.
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TMPDIR: scratch } },
    );
    try {
      const [line] = (await once(starter.stdout, 'data')) as [Buffer];
      const url = line.toString().trim();
      expect((await fetch(`${url}/`)).status).toBe(200);
      starter.kill('SIGKILL');
      await once(starter, 'exit');
      // The server goes with it: its port closes. (Probed without a request, which the server
      // would log: writing to the dead starter's pipe would end it anyway, proving nothing.)
      const { port } = new URL(url);
      await expect.poll(() => listening(Number(port)), { timeout: 10_000 }).toBe(false);
    } finally {
      starter.kill('SIGKILL');
      rmSync(scratch, { recursive: true, force: true });
    }
  }, START);

  it('fails in words when it cannot start', async () => {
    // Something else on the port, hanging up on everyone (so that it can close again).
    const taken = createServer((socket) => socket.destroy());
    await new Promise<void>((listening) => taken.listen(0, HOST, listening));
    const port = (taken.address() as AddressInfo).port;
    try {
      await expect(startSyncServer({ port })).rejects.toThrow(`${HOST}:${port} is already in use`);
    } finally {
      await new Promise((closed) => taken.close(closed));
    }
  }, START);

  it('says so when it dies', async () => {
    const deaths: ServerDiedError[] = [];
    const server = await startSyncServer({ onDied: (error) => deaths.push(error) });
    try {
      expect(() => server.assertRunning()).not.toThrow();
      process.kill(server.pid, 'SIGKILL');
      await server.exited;
      expect(() => server.assertRunning()).toThrow(`pid ${server.pid}) died: killed by SIGKILL`);
      expect(deaths.map((error) => error.message)).toEqual([expect.stringContaining('killed by SIGKILL')]);
    } finally {
      await server.stop();
    }
  }, START);
});
