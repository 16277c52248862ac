// The sync server that tests, `npm run sync-server` and the bench stand on: Apache CouchDB 3, the
// server a household runs in production, on 127.0.0.1 only, set up as `npm run sync:setup` sets a
// production CouchDB up (one database per household whose `_security` admits that household's
// role, and each person a user in `_users` with that role).
//
// Which CouchDB, in this order (serverChoice(); every run says which in one line):
// 1. TEND_TEST_COUCHDB: a running CouchDB 3 on 127.0.0.1 named by its admin address, such as
//    `http://admin:secret@127.0.0.1:5984` (the official `couchdb:3.5` Docker image). It is for
//    tests only: each start deletes every database but `_users` and `_replicator`, and every user.
//    Starts wait for each other (a lock), so test files never share it at the same time.
// 2. Apache CouchDB 3.5 from `../shared/couchdb/` beside the project: extracted once into
//    `node_modules/.cache/tend-couchdb/`, started with a fresh temporary data folder per start.
// With neither, there is no sync server: the tests that need one are left out of the run (each
// says why) and the line says so. No stand-in server is started: pouchdb-server, used before, is
// no model of CouchDB's security, and what passed on it did not hold on CouchDB.
//
// How a server is set up is scripts/couchdb.mjs, shared with `npm run sync:setup`.
//
// Plain ESM JavaScript with JSDoc types, so Node scripts, Vitest and Playwright can all import it.
//
// Usage: npm run sync-server [-- --port N]   (a household with two people, until Ctrl-C)

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { basicAuth, prepareHousehold, prepareServer } from './couchdb.mjs';

// What tests and scripts that start this server use to set it up and reach it.
export { basicAuth, householdDatabase, householdRole, logIn } from './couchdb.mjs';

/** The only address the server ever listens on: nothing outside this machine can reach it. */
export const HOST = '127.0.0.1';

/** @typedef {import('./couchdb.mjs').Credentials} Credentials */
/** @typedef {import('./couchdb.mjs').Household} Household */

/**
 * How the server process ended. `output` is the end of what it wrote to stdout and stderr.
 * @typedef {object} ServerExit
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {string} output
 */

/**
 * Which server startSyncServer() starts (see the top of this file).
 * @typedef {{ kind: 'couchdb', tarball: string, line: string }
 *   | { kind: 'external', url: string, admin: Credentials, line: string }
 *   | { kind: 'none', line: string }} ServerChoice
 */

/**
 * @typedef {object} SyncServer
 * @property {'couchdb' | 'external'} kind  which server this is: started here, or TEND_TEST_COUCHDB's
 * @property {string} name  the server in words, e.g. "Apache CouchDB 3.5.0"
 * @property {string} url  the server's address, `http://127.0.0.1:<port>` (no trailing slash)
 * @property {Credentials} admin  a server admin (CouchDB has one from its start)
 * @property {number} pid  the server process itself (not a wrapper); for a TEND_TEST_COUCHDB,
 *   which this process did not start, 0
 * @property {() => Promise<void>} stop  kills the process by its id and waits until it has exited
 * @property {Promise<ServerExit>} exited  settles once the process has exited, for any reason
 * @property {() => void} assertRunning  throws, saying how it ended, if the server died (exited
 *   without stop())
 */

/** A server that exited while it was meant to be running. */
export class ServerDiedError extends Error {
  /** @param {string} name @param {number} pid @param {ServerExit} exit */
  constructor(name, pid, exit) {
    super(`The sync server (${name}, pid ${pid}) died: ${describeExit(exit)}`);
    this.name = 'ServerDiedError';
    this.exit = exit;
  }
}

/** @param {ServerExit} exit */
function describeExit({ code, signal, output }) {
  const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
  return output.trim() ? `${how}. Its last output:\n${output.trim()}` : `${how}, saying nothing.`;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the CouchDB build for these machines is kept, beside the project (its README says how). */
const SHARED_COUCHDB = join(ROOT, '..', 'shared', 'couchdb');
/** Where it is extracted, once. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'tend-couchdb');

/** The CouchDB archive in ../shared/couchdb/, if there is one. */
function sharedTarball() {
  if (!existsSync(SHARED_COUCHDB)) return undefined;
  const name = readdirSync(SHARED_COUCHDB).find((file) => /^apache-couchdb-3\..*\.tar\.gz$/.test(file));
  return name ? join(SHARED_COUCHDB, name) : undefined;
}

/**
 * TEND_TEST_COUCHDB read as an admin address on this machine.
 * @param {string} value
 */
function externalServer(value) {
  /** @type {URL} */
  let address;
  try {
    address = new URL(value);
  } catch {
    throw new Error(`TEND_TEST_COUCHDB must be a CouchDB admin address such as http://admin:secret@127.0.0.1:5984: "${value}" is not one.`);
  }
  if (address.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(address.hostname) || !address.username) {
    throw new Error('TEND_TEST_COUCHDB must be http://NAME:PASSWORD@127.0.0.1:PORT: the tests reach no other machine, and need its admin.');
  }
  const admin = { name: decodeURIComponent(address.username), password: decodeURIComponent(address.password) };
  const url = `http://${HOST}:${address.port || 5984}`;
  return { url, admin };
}

/**
 * Which server startSyncServer() starts here, and a line that says so.
 * @returns {ServerChoice}
 */
export function serverChoice() {
  const named = process.env.TEND_TEST_COUCHDB;
  if (named) {
    const { url, admin } = externalServer(named);
    return { kind: 'external', url, admin, line: `Sync server: the CouchDB at ${url} (TEND_TEST_COUCHDB), emptied at each start.` };
  }
  const tarball = sharedTarball();
  if (tarball) return { kind: 'couchdb', tarball, line: `Sync server: Apache CouchDB from ${tarball}.` };
  return {
    kind: 'none',
    line: `Sync server: none (no ${SHARED_COUCHDB} and no TEND_TEST_COUCHDB), so the tests that need one are left out of this run.`,
  };
}

/**
 * Why the tests that need a sync server are left out of this run, or undefined when there is one.
 * @returns {string | undefined}
 */
export function noSyncServer() {
  const choice = serverChoice();
  return choice.kind === 'none' ? choice.line : undefined;
}

/**
 * The CouchDB release in `tarball`, extracted into the cache the first time (into a folder of its
 * own, then renamed, so that test files starting at once never see half of it).
 * @param {string} tarball
 * @returns {string} the start script
 */
export function extractedCouchDB(tarball) {
  const { size, mtimeMs } = statSync(tarball);
  const folder = join(CACHE, `${basename(tarball, '.tar.gz')}-${size}-${Math.floor(mtimeMs)}`);
  const script = join(folder, 'couchdb', 'start-couchdb.sh');
  if (existsSync(script)) return script;
  mkdirSync(CACHE, { recursive: true });
  const scratch = mkdtempSync(join(CACHE, 'extracting-'));
  try {
    const tar = spawnSync('tar', ['xzf', tarball, '-C', scratch], { encoding: 'utf8' });
    if (tar.status !== 0) throw new Error(`Extracting ${tarball} failed: ${tar.stderr || tar.error?.message}`);
    try {
      renameSync(scratch, folder);
    } catch (error) {
      // Another start got there first.
      if (!existsSync(script)) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return script;
}

/**
 * A port on 127.0.0.1 that is free now: the system picks one for a listener on port 0, which is
 * closed again at once. Another process could take it before the server does; the server's start
 * then fails with a clear error rather than reaching anything else.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolvePort(port) : reject(new Error('The system gave no free port.'))));
    });
  });
}

/**
 * Whether `port` on 127.0.0.1 can be listened on now.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function isPortFree(port) {
  return new Promise((answer) => {
    const probe = createServer();
    probe.once('error', () => answer(false));
    probe.listen(port, HOST, () => probe.close(() => answer(true)));
  });
}

/**
 * The leash: a small watcher process that holds a pipe from this one. When the pipe closes, which
 * happens when this process ends in any way, even killed outright (a test runner ending a worker
 * that timed out), it kills the server by its pid and removes its data folder, so no server
 * outlives the process that started it. stop() ends the watcher once the server is gone.
 */
const WATCHER = `
const [pid, dir] = process.argv.slice(1);
process.stdin.on('end', () => {
  try { process.kill(Number(pid), 'SIGKILL'); } catch {}
  const deadline = Date.now() + 10000;
  const gone = () => { try { process.kill(Number(pid), 0); return false; } catch { return true; } };
  const tidy = () => {
    if (!gone() && Date.now() < deadline) return setTimeout(tidy, 50);
    if (dir) require('node:fs').rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  tidy();
}).resume();
`;

/**
 * @param {number} pid
 * @param {string | undefined} dir
 */
function leash(pid, dir) {
  const watcher = spawn(process.execPath, ['-e', WATCHER, String(pid), dir ?? ''], { stdio: ['pipe', 'ignore', 'ignore'], detached: false });
  // The leash alone keeps nothing running.
  watcher.unref();
  /** @type {{ unref?: () => void }} */ (/** @type {unknown} */ (watcher.stdin)).unref?.();
  return () => {
    // Released once the server has exited: the watcher is ended without a kill that could hit
    // another process given the same pid since.
    watcher.kill('SIGTERM');
  };
}

/** @param {number} ms */
const sleep = (ms) => new Promise((wake) => setTimeout(wake, ms));

/** A password for this run only. */
const newPassword = () => randomBytes(12).toString('base64url');

/**
 * Starts the sync server serverChoice() names on 127.0.0.1 and resolves once it answers: CouchDB
 * on a free port with a fresh temporary data folder and an admin of its own, waited for with a
 * bounded poll of `GET /_up`. Rejects with the server's own output if it exits first or does not
 * answer within `startTimeoutMs`.
 *
 * If the process exits later without stop() (a crash), `onDied` is called (by default the reason
 * is written to stderr) and `assertRunning()` throws from then on.
 *
 * @param {object} [options]
 * @param {number} [options.port]  a port to use; by default a free one
 * @param {number} [options.startTimeoutMs]  how long to wait for the first answer
 * @param {(error: ServerDiedError) => void} [options.onDied]
 * @returns {Promise<SyncServer>}
 */
export async function startSyncServer({ port, startTimeoutMs = 60_000, onDied } = {}) {
  const choice = serverChoice();
  if (choice.kind === 'none') throw new Error(choice.line);
  if (choice.kind === 'external') return useExternal(choice, startTimeoutMs);
  const chosenPort = port ?? (await freePort());
  const url = `http://${HOST}:${chosenPort}`;
  const admin = { name: 'admin', password: newPassword() };
  const dir = mkdtempSync(join(tmpdir(), 'tend-sync-server-'));
  const server = await startProcess({
    name: `Apache CouchDB (${basename(choice.tarball)})`,
    command: extractedCouchDB(choice.tarball),
    args: [String(chosenPort), dir, admin.name, admin.password],
    // Warnings and errors only: its access log would drown a test's output.
    env: { ...process.env, COUCHDB_LOG_LEVEL: process.env.COUCHDB_LOG_LEVEL ?? 'warning' },
    ready: '/_up',
    url,
    dir,
    startTimeoutMs,
    onDied,
  });
  return { kind: choice.kind, admin, ...server };
}

/**
 * Spawns a server process directly (so that its pid is the server's own) and waits for it.
 * @param {{ name: string, command: string, args: string[], env?: NodeJS.ProcessEnv, ready: string, url: string, dir: string, startTimeoutMs: number, onDied?: (error: ServerDiedError) => void }} how
 */
async function startProcess({ name, command, args, env, ready, url, dir, startTimeoutMs, onDied }) {
  // Its own working folder, removed by stop(): a config left behind would carry an admin into the
  // next run.
  const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });

  let output = '';
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let running = true;
  /** @type {Promise<ServerExit>} */
  const exited = new Promise((settle) => {
    // 'close' comes after 'exit' once the output pipes are drained, so `output` is complete.
    child.once('close', (code, signal) => settle({ code, signal, output }));
    child.once('error', (error) => settle({ code: null, signal: null, output: `${output}\n${error.message}` }));
  });
  child.once('exit', () => (running = false));
  exited.then(() => (running = false));

  const pid = child.pid;
  const release = pid === undefined ? () => {} : leash(pid, dir);

  // A script that ends without stop() must not leave a server or its folder behind.
  const killOnExit = () => {
    if (running) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);

  let stopping = false;
  /** @type {ServerDiedError | undefined} */
  let died;

  const cleanUp = async () => {
    await exited;
    release();
    process.off('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  };

  if (pid === undefined) {
    const exit = await exited;
    await cleanUp();
    throw new Error(`The sync server (${name}) could not be started: ${describeExit(exit)}`);
  }

  /** @returns {Promise<void>} */
  const stop = async () => {
    stopping = true;
    if (running) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ESRCH') throw error;
      }
      // SIGTERM ends it in a few seconds; SIGKILL only if it is somehow stuck.
      const force = setTimeout(() => running && child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    }
    await cleanUp();
  };

  try {
    await waitUntilUp(name, `${url}${ready}`, exited, startTimeoutMs, () => output);
  } catch (error) {
    await stop();
    throw error;
  }

  void exited.then((exit) => {
    if (stopping) return;
    died = new ServerDiedError(name, pid, exit);
    if (onDied) onDied(died);
    else console.error(died.message);
  });

  return {
    name,
    url,
    pid,
    stop,
    exited,
    assertRunning() {
      if (died) throw died;
      if (!running && !stopping) throw new ServerDiedError(name, pid, { code: child.exitCode, signal: child.signalCode, output });
    },
  };
}

/**
 * Polls `address` until it answers 200, the process exits, or time runs out.
 * @param {string} name
 * @param {string} address
 * @param {Promise<ServerExit>} exited
 * @param {number} timeoutMs
 * @param {() => string} outputSoFar
 */
async function waitUntilUp(name, address, exited, timeoutMs, outputSoFar) {
  /** @type {ServerExit | undefined} */
  let exit;
  void exited.then((e) => (exit = e));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) throw new Error(`The sync server (${name}) stopped before it answered at ${address}: ${describeExit(exit)}`);
    if (Date.now() > deadline) {
      const said = outputSoFar().trim();
      throw new Error(`The sync server (${name}) did not answer at ${address} within ${timeoutMs / 1000} s` + (said ? `. Its output:\n${said}` : ', and said nothing.'));
    }
    try {
      const response = await fetch(address, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await Promise.race([sleep(100), exited]);
  }
}

/** Databases a CouchDB keeps for itself, left in place when a TEND_TEST_COUCHDB is emptied. */
const SYSTEM_DATABASES = new Set(['_users', '_replicator', '_global_changes']);

/**
 * A TEND_TEST_COUCHDB, taken for this start only (a lock folder in the system's temporary folder,
 * held until stop(); one left by a process that has ended is taken over) and emptied.
 * @param {Extract<ServerChoice, { kind: 'external' }>} choice
 * @param {number} timeoutMs
 * @returns {Promise<SyncServer>}
 */
async function useExternal({ url, admin }, timeoutMs) {
  const lock = join(tmpdir(), `tend-test-couchdb-${new URL(url).port}.lock`);
  const deadline = Date.now() + 10 * timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      let holder = 0;
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // Being written or removed just now.
      }
      if (holder && !alive(holder)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`The CouchDB at ${url} (TEND_TEST_COUCHDB) stayed in use by process ${holder} (lock ${lock}).`, { cause: error });
      else await sleep(200);
    }
  }
  const unlock = () => rmSync(lock, { recursive: true, force: true });
  process.on('exit', unlock);
  try {
    await empty(url, admin);
  } catch (error) {
    unlock();
    throw error;
  }
  /** @type {(exit: ServerExit) => void} */
  let settle = () => {};
  /** @type {Promise<ServerExit>} */
  const exited = new Promise((resolve) => (settle = resolve));
  return {
    kind: 'external',
    name: `the CouchDB at ${url}`,
    url,
    admin,
    pid: 0,
    exited,
    async stop() {
      unlock();
      process.off('exit', unlock);
      settle({ code: 0, signal: null, output: '' });
    },
    assertRunning() {},
  };
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Deletes every database but the system's, and every user: a clean server, as a fresh data
 * folder gives.
 * @param {string} url
 * @param {Credentials} admin
 */
async function empty(url, admin) {
  const headers = { Authorization: basicAuth(admin), Accept: 'application/json' };
  const answer = await fetch(`${url}/_all_dbs`, { headers });
  if (!answer.ok) throw new Error(`The CouchDB at ${url} (TEND_TEST_COUCHDB) answered ${answer.status} to its admin: ${await answer.text()}`);
  /** @type {string[]} */
  const databases = await answer.json();
  for (const database of databases) {
    if (!SYSTEM_DATABASES.has(database)) await fetch(`${url}/${encodeURIComponent(database)}`, { method: 'DELETE', headers });
  }
  const users = await fetch(`${url}/_users/_all_docs`, { headers });
  if (!users.ok) return;
  /** @type {{ rows: { id: string, value: { rev: string } }[] }} */
  const { rows } = await users.json();
  for (const { id, value } of rows) {
    if (id.startsWith('org.couchdb.user:')) await fetch(`${url}/_users/${encodeURIComponent(id)}?rev=${value.rev}`, { method: 'DELETE', headers });
  }
}

/**
 * Creates a household as an admin, with the very steps `npm run sync:setup` takes against CouchDB 3
 * (scripts/couchdb.mjs): the server's `_users` and session settings, then the household's database,
 * its `_security` (members: the household's role; admins: server admins only), the validation
 * design document `_design/tend`, and each person as a user with the household's role.
 *
 * @param {string} url
 * @param {Credentials} admin
 * @param {{ slug: string, people: Credentials[] }} household  slug: lower-case letters, digits
 *   and dashes, as CouchDB database names allow
 * @returns {Promise<Household>}
 */
export async function createHousehold(url, admin, household) {
  await prepareServer(url, admin);
  return prepareHousehold(url, admin, household);
}

/** The id of the to-do the printed example writes. */
const EXAMPLE_ID = '019a0000-0000-7000-8000-000000000001';

/**
 * A to-do as Tend documents are stored on the server (see sync/validate-doc-update.js).
 * @param {string} by
 */
const exampleTodo = (by) => ({
  type: 'todos',
  schema: 7,
  by,
  fields: { title: 'Buy milk', done: 0, createdAt: 1767225600000, updatedAt: 1767225600000 },
  edits: { title: 1, done: 1, createdAt: 1, updatedAt: 1 },
});

/**
 * `npm run sync-server`: one household with two people, until Ctrl-C.
 * @param {string[]} argv
 */
async function main(argv) {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' } } });
  const wanted = values.port === undefined ? 5984 : Number(values.port);
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 65535) {
    throw new Error(`--port must be a port number (1–65535): "${values.port}" is not.`);
  }
  // CouchDB's own port if it is free; else any free one (said below).
  const port = (await isPortFree(wanted)) ? wanted : values.port === undefined ? await freePort() : undefined;
  if (port === undefined) throw new Error(`Port ${wanted} on ${HOST} is in use.`);

  let stopping = false;
  /** @type {SyncServer | undefined} */
  let server;
  const stopAndExit = async () => {
    if (stopping) return;
    stopping = true;
    await server?.stop();
    console.log('\nThe sync server has stopped; everything it held is gone.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAndExit());
  process.on('SIGTERM', () => void stopAndExit());
  console.log(serverChoice().line);
  server = await startSyncServer({
    port,
    onDied(error) {
      // Ctrl-C reaches the server as well (one process group), which ends by itself on SIGINT,
      // possibly before this process has handled its own: not a death.
      if (stopping || error.exit.code === 0 || error.exit.signal === 'SIGINT') return void stopAndExit();
      console.error(`\n${error.message}`);
      process.exit(1);
    },
  });

  const people = [
    { name: 'ann', password: newPassword() },
    { name: 'ben', password: newPassword() },
  ];
  /** @type {Household} */
  let household;
  try {
    household = await createHousehold(server.url, server.admin, { slug: 'home', people });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const [ann, ben] = people;
  if (!ann || !ben) return;

  console.log(
    [
      '',
      `A sync server for trying sync out is running at ${server.url}`,
      `(${server.name}, with a temporary data folder: everything in it is gone once it stops).`,
      '',
      `  Server address       ${server.url}${port === wanted ? '' : `  (port ${wanted} was in use)`}`,
      `  Household database   ${household.database}  (${household.url})`,
      `  Person 1             name ${ann.name}  password ${ann.password}`,
      `  Person 2             name ${ben.name}  password ${ben.password}`,
      `  Server admin         name ${server.admin.name}  password ${server.admin.password}  (sets up households; people never need it)`,
      '',
      'To sync Tend through it: run Tend with `npm start` (it serves this server at /couchdb/ on its own',
      `address${server.url.endsWith(':5984') ? '' : `; here: TEND_SYNC_SERVER=${server.url} npm start`}), open`,
      'http://localhost:4173/sync in two browser profiles, and connect one as each person.',
      '',
      "Each person logs in with their own name and password (a cookie session, POST /_session) and can",
      'read and write the household database, and nothing else. The database already exists: clients',
      'never create one (with PouchDB, pass skip_setup: true). Every write is checked by _design/tend',
      '(sync/validate-doc-update.js), which refuses anything that is not a Tend document. To try it:',
      '',
      `  curl -u ${ann.name}:${ann.password} -X PUT ${household.url}/${EXAMPLE_ID} -H 'Content-Type: application/json' \\`,
      `    -d '${JSON.stringify(exampleTodo(ann.name))}'`,
      `  curl -u ${ben.name}:${ben.password} '${household.url}/_all_docs?include_docs=true'`,
      `  curl -u ${ben.name}:${ben.password} -X PUT ${household.url}/hello -H 'Content-Type: application/json' -d '{"text":"hi"}'`,
      '    (refused: 403, with the reason)',
      '',
      `It listens on ${HOST} only. Press Ctrl-C to stop it.`,
    ].join('\n'),
  );
}

const invokedPath = process.argv[1] ? pathToFileURL(realpathSync(process.argv[1])).href : undefined;
if (import.meta.url === invokedPath) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
