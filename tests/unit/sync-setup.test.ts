// `npm run sync:setup` run as a person setting up a server would run it (the script, in its own
// process), against a real Apache CouchDB 3.5 process, the server of production. It must leave a household its people can use, and running it again must change
// nothing that matters: not a password (a new one ends every session), not a person's other roles.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, DESIGN_ID, validatorSource } from '../../scripts/couchdb.mjs';
import { logIn, startSyncServer, type Credentials, type SyncServer } from '../../scripts/sync-server.mjs';

const SCRIPT = fileURLToPath(new URL('../../scripts/sync-setup.mjs', import.meta.url));
let admin: Credentials;
const ann: Credentials = { name: 'ann', password: 'pw1' };
const ben: Credentials = { name: 'ben', password: 'pw2:with-colon' };

/** Runs the script with `args`; its exit code and what it wrote. */
async function setup(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

function todo(id: string, by: string, title: string) {
  const fields = { title, done: 0, createdAt: 1767225600000, updatedAt: 1767225600000 };
  return { _id: id, type: 'todos', schema: 7, by, fields, edits: { title: 1, done: 1, createdAt: 1, updatedAt: 1 } };
}

describe('npm run sync:setup', () => {
  let server: SyncServer | undefined;
  let url = '';
  let args: string[] = [];

  beforeAll(async () => {
    server = await startSyncServer();
    url = server.url;
    // CouchDB has its admin from the start.
    admin = server.admin;
    // As a person types it: the address with a trailing slash, the admin as NAME:PASSWORD.
    args = ['--server', `${url}/`, '--admin', `${admin.name}:${admin.password}`, '--household', 'home', '--person', 'ann:pw1', '--person', `ben:${ben.password}`];
  }, 120_000);

  afterEach(() => server?.assertRunning());
  afterAll(async () => {
    await server?.stop();
  });

  const asAdmin = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, { ...init, headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: basicAuth(admin), ...init.headers } });
  const asPerson = (cookie: string, path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, { ...init, headers: { Accept: 'application/json', 'Content-Type': 'application/json', Cookie: cookie, ...init.headers } });

  it('prepares a household its people can log in to and write to, and can run again harmlessly', async () => {
    const first = await setup(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Database household-home: created.');
    expect(first.stdout).toContain('Validation household-home/_design/tend: installed.');
    expect(first.stdout).toContain('Person ann: created, role household:home.');

    // Ann logs in with a cookie session and writes a valid document; a bad one is refused.
    const annCookie = await logIn(url, ann);
    const id = '0190c3e2-0000-7000-8000-000000000001';
    const written = await asPerson(annCookie, `/household-home/${id}`, { method: 'PUT', body: JSON.stringify(todo(id, 'ann', 'Buy milk')) });
    expect(written.status).toBe(201);
    const refused = await asPerson(annCookie, '/household-home/0190c3e2-0000-7000-8000-000000000002', {
      method: 'PUT',
      body: JSON.stringify(todo('0190c3e2-0000-7000-8000-000000000002', 'ben', 'Not mine')),
    });
    expect(refused.status).toBe(403);
    // Ben's password holds a ":" (only the first one ends the name).
    expect(await logIn(url, ben)).toMatch(/^AuthSession=/);

    // Sessions of 30 days, cookies kept.
    expect(await (await asAdmin('/_node/_local/_config/chttpd_auth/timeout')).json()).toBe('2592000');
    expect(await (await asAdmin('/_node/_local/_config/chttpd_auth/allow_persistent_cookies')).json()).toBe('true');

    // Meanwhile: ben joins another household's role, and _design/tend is an older version.
    const benDoc = await (await asAdmin('/_users/org.couchdb.user:ben')).json();
    expect((await asAdmin('/_users/org.couchdb.user:ben', { method: 'PUT', body: JSON.stringify({ ...benDoc, roles: [...benDoc.roles, 'household:club'] }) })).status).toBe(201);
    const design = await (await asAdmin(`/household-home/${DESIGN_ID}`)).json();
    const older = { ...design, validate_doc_update: 'function (newDoc, oldDoc, userCtx) {}' };
    expect((await asAdmin(`/household-home/${DESIGN_ID}`, { method: 'PUT', body: JSON.stringify(older) })).status).toBe(201);

    const second = await setup(args);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    for (const line of [
      'Database household-home: already there.',
      'Security of household-home: already members household:home, admins server admins only.',
      'Validation household-home/_design/tend: updated.',
      'Person ann: already has role household:home and this password.',
      'Person ben: already has role household:home and this password.',
      'Config chttpd_auth/timeout = 2592000: already so.',
    ]) {
      expect(second.stdout).toContain(line);
    }

    // Ann's session from before still works: her password was not set again (which would end it).
    const me = await (await asPerson(annCookie, '/_session')).json();
    expect(me.userCtx.name).toBe('ann');
    // Her document is still there; ben kept his other role; _design/tend is current again.
    expect((await asPerson(annCookie, `/household-home/${id}`)).status).toBe(200);
    expect((await (await asAdmin('/_users/org.couchdb.user:ben')).json()).roles).toEqual(['household:home', 'household:club']);
    const updated = await (await asAdmin(`/household-home/${DESIGN_ID}`)).json();
    expect(updated.validate_doc_update).toBe(validatorSource());
    expect(Number.parseInt(updated._rev, 10)).toBe(Number.parseInt(design._rev, 10) + 2);
    // And it checks writes again.
    expect((await asPerson(annCookie, '/household-home/0190c3e2-0000-7000-8000-000000000003', {
      method: 'PUT',
      body: JSON.stringify(todo('0190c3e2-0000-7000-8000-000000000003', 'ben', 'Not mine')),
    })).status).toBe(403);
  }, 30_000);

  it('sets a changed password, ending that person’s sessions', async () => {
    const before = await logIn(url, ann);
    const result = await setup([...args.slice(0, 6), '--person', 'ann:a-new-password']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Person ann: password set.');
    // CouchDB keeps users in a cache that follows `_users` a moment later (bounded poll).
    await expect.poll(() => logIn(url, ann).then(() => 'accepted', (error: Error) => error.message), { timeout: 10_000 }).toContain('401');
    // The session of a lost phone ends with it: its cookie was signed with the old password's salt.
    const me = await (await asPerson(before, '/_session')).json();
    expect(me.userCtx.name).toBeNull();
    expect(await logIn(url, { name: 'ann', password: 'a-new-password' })).toMatch(/^AuthSession=/);
  }, 30_000);

  it('refuses an admin who is not one, changing nothing', async () => {
    const result = await setup(['--server', url, '--admin', `${admin.name}:wrong`, '--household', 'other', '--person', 'cat:pw']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`"${admin.name}" is not a server admin`);
    expect((await asAdmin('/household-other')).status).toBe(404);
  }, 30_000);

  it.each([
    [[], 'Missing: --server, --admin, --household, --person.'],
    [['--server', 'http://127.0.0.1:5984', '--admin', 'admin:x', '--household', 'home'], 'Missing: --person.'],
    [['--server', 'http://127.0.0.1:5984', '--admin', 'admin', '--household', 'home', '--person', 'ann:pw'], '--admin must be NAME:PASSWORD'],
    [['--server', 'http://127.0.0.1:5984', '--admin', 'admin:x', '--household', 'Home', '--person', 'ann:pw'], '--household must be lower-case'],
    [['--server', 'couch.example.org', '--admin', 'admin:x', '--household', 'home', '--person', 'ann:pw'], '--server must be an address'],
    [['--server', 'http://127.0.0.1:5984', '--admin', 'admin:x', '--household', 'home', '--person', '_ann:pw'], 'cannot be a user name'],
    [['--server', 'http://127.0.0.1:5984', '--admin', 'admin:x', '--household', 'home', '--prson', 'ann:pw'], "Unknown option '--prson'"],
  ])('refuses %j with its usage', async (given, message) => {
    const result = await setup(given);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: npm run sync:setup -- --server URL');
  });
});
