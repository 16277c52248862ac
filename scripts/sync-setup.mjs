// `npm run sync:setup`: prepares an Apache CouchDB 3 for one Tend household, as a server admin.
//
//   npm run sync:setup -- --server https://example.org/couchdb --admin admin:secret \
//     --household home --person ann:pw1 --person ben:pw2
//
// It creates the household's database (household-<slug>) where missing, sets its _security (its
// people are members; only server admins are admins), installs or updates the validation design
// document _design/tend, creates or updates each person in _users with the household's role, and
// sets the session settings Tend needs (30-day sessions, cookies that outlive the browser). Each
// step reads first and changes only what differs, so it is safe to run again: to add a person, to
// update _design/tend after upgrading Tend, or to change a password. The steps are
// scripts/couchdb.mjs, which the test server (scripts/sync-server.mjs) is set up with too.
//
// Non-interactive: everything comes from the arguments, and anything missing is refused with the
// usage below. Passwords on the command line end up in the shell's history: clear it, or type a
// space before the command where the shell ignores such lines.

import { realpathSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { SLUG, badUserName, householdDatabase, householdRole, prepareHousehold, prepareServer } from './couchdb.mjs';

/** @typedef {import('./couchdb.mjs').Credentials} Credentials */
/** @typedef {import('./couchdb.mjs').Say} Say */

export const USAGE = `Usage: npm run sync:setup -- --server URL --admin NAME:PASSWORD --household SLUG --person NAME:PASSWORD [--person NAME:PASSWORD …]

  --server     the CouchDB server's address, such as https://example.org/couchdb
  --admin      a server admin's name and password
  --household  the household's short name: lower-case letters, digits and dashes (database household-SLUG)
  --person     one of the household's people, name and password; repeat for each person`;

/** Arguments that cannot be used: the message says which, and the usage follows it. */
export class UsageError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * `name:password` (the password may hold ":" too, a name cannot).
 * @param {string} option
 * @param {string} text
 * @returns {Credentials}
 */
function credentials(option, text) {
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const password = colon < 0 ? '' : text.slice(colon + 1);
  if (!name || !password) throw new UsageError(`--${option} must be NAME:PASSWORD, with both ("${name || '…'}:${password ? '…' : ''}" is not).`);
  return { name, password };
}

/** @param {string[]} argv */
function readOptions(argv) {
  try {
    return parseArgs({
      args: argv,
      options: { server: { type: 'string' }, admin: { type: 'string' }, household: { type: 'string' }, person: { type: 'string', multiple: true } },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Reads the command line, or throws UsageError saying what is missing or wrong.
 * @param {string[]} argv
 * @returns {{ server: string, admin: Credentials, slug: string, people: Credentials[] }}
 */
export function parseSetupArgs(argv) {
  const values = readOptions(argv);
  const given = { server: values.server, admin: values.admin, household: values.household, person: values.person?.length };
  const missing = Object.entries(given).filter(([, value]) => !value).map(([name]) => `--${name}`);
  if (missing.length) throw new UsageError(`Missing: ${missing.join(', ')}.`);

  /** @type {URL} */
  let url;
  try {
    url = new URL(/** @type {string} */ (values.server));
  } catch {
    throw new UsageError(`--server must be an address such as https://example.org/couchdb ("${values.server}" is not).`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new UsageError(`--server must be an http or https address without a name, password, query or #: "${values.server}" is not.`);
  }
  const slug = /** @type {string} */ (values.household);
  if (!SLUG.test(slug)) throw new UsageError(`--household must be lower-case letters, digits and dashes: "${slug}" is not.`);
  const people = (values.person ?? []).map((text) => credentials('person', text));
  for (const { name } of people) {
    const problem = badUserName(name);
    if (problem) throw new UsageError(problem);
  }
  const names = people.map(({ name }) => name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice) throw new UsageError(`--person ${twice} is given twice.`);
  return {
    server: url.href.replace(/\/+$/, ''),
    admin: credentials('admin', /** @type {string} */ (values.admin)),
    slug,
    people,
  };
}

/**
 * Runs the setup the arguments ask for, saying each step as it goes.
 * @param {string[]} argv
 * @param {Say} [say]
 */
export async function syncSetup(argv, say = console.log) {
  const { server, admin, slug, people } = parseSetupArgs(argv);
  const { hostname, protocol } = new URL(server);
  if (protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(hostname)) {
    say(`Warning: ${server} is plain http, so passwords cross the network readable. Use https.`);
  }
  await prepareServer(server, admin, say);
  const household = await prepareHousehold(server, admin, { slug, people }, say);
  say('');
  say(`Household "${slug}" is ready: database ${householdDatabase(slug)}, role ${householdRole(slug)}.`);
  say(`On each device, Tend's Sync screen needs the server address (${server}/), the person's own`);
  say(`name and password, and the database ${household.database}.`);
}

const invokedPath = process.argv[1] ? pathToFileURL(realpathSync(process.argv[1])).href : undefined;
if (import.meta.url === invokedPath) {
  syncSetup(process.argv.slice(2)).catch((error) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`sync:setup stopped: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
