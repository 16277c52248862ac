// The sync server that tests and `npm run sync-server` stand on: pouchdb-server, in memory, on
// 127.0.0.1 only, set up the way Apache CouchDB 3 is set up in production (an admin, one database
// per household whose `_security` admits that household's role, and each person a user in `_users`
// with that role). Only core CouchDB endpoints are used, so what passes against pouchdb-server also
// holds against CouchDB 3.
//
// How it is set up is scripts/couchdb.mjs, shared with `npm run sync:setup`.
//
// Plain ESM JavaScript with JSDoc types, so Node scripts, Vitest and Playwright can all import it.
//
// Usage: npm run sync-server [-- --port N]   (a household with two people, until Ctrl-C)

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAdmin, prepareHousehold, prepareServer } from './couchdb.mjs';

// What tests and scripts that start this server use to set it up and reach it.
export { basicAuth, createAdmin, householdDatabase, householdRole, logIn } from './couchdb.mjs';

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
 * @typedef {object} SyncServer
 * @property {string} url  the server's address, `http://127.0.0.1:<port>` (no trailing slash)
 * @property {number} pid  the pouchdb-server process itself (not a wrapper such as npx)
 * @property {() => Promise<void>} stop  kills the process by its id and waits until it has exited
 * @property {Promise<ServerExit>} exited  settles once the process has exited, for any reason
 * @property {() => void} assertRunning  throws, saying how it ended, if the server died (exited
 *   without stop())
 */

/** A server that exited while it was meant to be running. */
export class ServerDiedError extends Error {
  /** @param {number} pid @param {ServerExit} exit */
  constructor(pid, exit) {
    super(`The sync server (pouchdb-server, pid ${pid}) died: ${describeExit(exit)}`);
    this.name = 'ServerDiedError';
    this.exit = exit;
  }
}

/** @param {ServerExit} exit */
function describeExit({ code, signal, output }) {
  const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
  return output.trim() ? `${how}. Its last output:\n${output.trim()}` : `${how}, saying nothing.`;
}

/** The pouchdb-server script, run with this Node directly so that `pid` is the server's own. */
function serverScript() {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('pouchdb-server/package.json');
  /** @type {{ bin: string | Record<string, string> }} */
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  const script = typeof bin === 'string' ? bin : bin['pouchdb-server'];
  if (!script) throw new Error(`pouchdb-server's package.json (${manifest}) names no pouchdb-server script.`);
  return resolve(dirname(manifest), script);
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
 * Loaded into the server process before pouchdb-server: it exits once its stdin closes, which
 * happens when this process ends in any way, even killed outright (a test runner ending a worker
 * that timed out), so no server outlives the process that started it.
 */
const LEASH = `data:text/javascript,${encodeURIComponent(
  // unref(): the leash alone does not keep it running (it exits when it cannot listen).
  "process.stdin.on('end', () => process.exit(0)).resume().unref();",
)}`;

/** @param {number} ms */
const sleep = (ms) => new Promise((wake) => setTimeout(wake, ms));

/**
 * Starts `pouchdb-server --in-memory` on 127.0.0.1 and resolves once it answers `GET /`.
 * Rejects with the server's own output if it exits first or does not answer within
 * `startTimeoutMs`. Its config file and log go to a temporary folder removed by stop().
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
export async function startSyncServer({ port, startTimeoutMs = 20_000, onDied } = {}) {
  const chosenPort = port ?? (await freePort());
  const url = `http://${HOST}:${chosenPort}`;
  // Its own working folder: pouchdb-server writes config.json (with the admins) and log.txt where
  // it runs, and a config left behind would carry an admin into the next run.
  const dir = mkdtempSync(join(tmpdir(), 'tend-sync-server-'));
  const child = spawn(
    process.execPath,
    [
      '--import', LEASH,
      // A fix for pouchdb-server's validation of replicated writes (see the file).
      '--require', fileURLToPath(new URL('./pouchdb-server-fix.cjs', import.meta.url)),
      serverScript(),
      '--in-memory',
      '--host', HOST,
      '--port', String(chosenPort),
      '--dir', dir,
      '--config', join(dir, 'config.json'),
      // Plain log lines (what it says ends up in errors); --no-stdout-logs would be read as
      // "stdout-logs: false" by its argument parser and do nothing.
      '--no-color',
    ],
    // stdin is the leash's pipe; stdout and stderr are kept for the messages below.
    { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] },
  );

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

  // A test run or script that ends without stop() must not leave a server or its folder behind.
  const killOnExit = () => {
    if (running) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);

  let stopping = false;
  /** @type {ServerDiedError | undefined} */
  let died;
  const pid = child.pid;

  const cleanUp = async () => {
    await exited;
    process.off('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  };

  if (pid === undefined) {
    const exit = await exited;
    await cleanUp();
    throw new Error(`The sync server (pouchdb-server) could not be started: ${describeExit(exit)}`);
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
      // SIGTERM ends it at once; SIGKILL only if it is somehow stuck.
      const force = setTimeout(() => running && child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    }
    await cleanUp();
  };

  try {
    await waitUntilAnswering(url, exited, startTimeoutMs, () => output);
  } catch (error) {
    await stop();
    throw error;
  }

  void exited.then((exit) => {
    if (stopping) return;
    died = new ServerDiedError(pid, exit);
    if (onDied) onDied(died);
    else console.error(died.message);
  });

  return {
    url,
    pid,
    stop,
    exited,
    assertRunning() {
      if (died) throw died;
      if (!running && !stopping) throw new ServerDiedError(pid, { code: child.exitCode, signal: child.signalCode, output });
    },
  };
}

/**
 * Polls `GET /` until the server's welcome answers, the process exits, or time runs out.
 * @param {string} url
 * @param {Promise<ServerExit>} exited
 * @param {number} timeoutMs
 * @param {() => string} outputSoFar
 */
async function waitUntilAnswering(url, exited, timeoutMs, outputSoFar) {
  /** @type {ServerExit | undefined} */
  let exit;
  void exited.then((e) => (exit = e));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) throw new Error(`The sync server (pouchdb-server) stopped before it answered at ${url}: ${describeExit(exit)}`);
    if (Date.now() > deadline) {
      const said = outputSoFar().trim();
      throw new Error(
        `The sync server (pouchdb-server) did not answer at ${url} within ${timeoutMs / 1000} s` +
          (said ? `. Its output:\n${said}` : ', and said nothing.'),
      );
    }
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) });
      // CouchDB answers {"couchdb":"Welcome",…}, pouchdb-server {"express-pouchdb":"Welcome!",…}.
      if (response.ok && typeof (await response.json()).version === 'string') return;
    } catch {
      // Not listening yet.
    }
    await Promise.race([sleep(100), exited]);
  }
}

/**
 * Creates a household as an admin, with the very steps `npm run sync:setup` takes against CouchDB 3
 * (scripts/couchdb.mjs): the server's `_users` and session settings, then the household's database,
 * its `_security` (members: the household's role; admins: server admins only), the validation
 * design document `_design/tend`, and each person as a user with the household's role.
 *
 * Once an admin exists, a `PUT /<newdb>` by anyone else, anonymous or logged in, crashes the whole
 * pouchdb-server 4.2.0 process (`TypeError: db.info is not a function` in express-pouchdb's
 * routes/db.js), where CouchDB 3 answers 401; startSyncServer() notices the death and says so.
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

/** A password for this run only, printed for the person trying it out. */
const newPassword = () => randomBytes(9).toString('base64url');

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
  server = await startSyncServer({
    port,
    onDied(error) {
      // Ctrl-C reaches the server as well (one process group), and pouchdb-server exits with 0 on
      // SIGINT by itself, possibly before this process has handled its own: not a death.
      if (stopping || error.exit.code === 0 || error.exit.signal === 'SIGINT') return void stopAndExit();
      console.error(`\n${error.message}`);
      process.exit(1);
    },
  });

  const admin = { name: 'admin', password: newPassword() };
  const people = [
    { name: 'ann', password: newPassword() },
    { name: 'ben', password: newPassword() },
  ];
  /** @type {Household} */
  let household;
  try {
    await createAdmin(server.url, admin);
    household = await createHousehold(server.url, admin, { slug: 'home', people });
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
      '(pouchdb-server, in memory: everything in it is gone once it stops).',
      '',
      `  Server address       ${server.url}${port === wanted ? '' : `  (port ${wanted} was in use)`}`,
      `  Household database   ${household.database}  (${household.url})`,
      `  Person 1             name ${ann.name}  password ${ann.password}`,
      `  Person 2             name ${ben.name}  password ${ben.password}`,
      `  Server admin         name ${admin.name}  password ${admin.password}  (sets up households; people never need it)`,
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
