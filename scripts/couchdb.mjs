// Preparing a CouchDB server for Tend, as a server admin, through core CouchDB endpoints only. One
// set of steps for a household's server and the test server alike: `npm run sync:setup` runs them
// against a production CouchDB 3 (scripts/sync-setup.mjs), the tests against the CouchDB 3.5 they
// start (scripts/sync-server.mjs). Every step first reads what is there and changes only what differs,
// so running them again is safe, and each says what it did.
//
// Plain ESM JavaScript with JSDoc types, so Node scripts, Vitest and Playwright can all import it.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';

/**
 * @typedef {object} Credentials
 * @property {string} name
 * @property {string} password
 */

/**
 * @typedef {object} Household
 * @property {string} slug
 * @property {string} database  the household's database name, `household-<slug>`
 * @property {string} url  the database's address
 * @property {string} role  the role its people have, and its `_security` admits
 * @property {Credentials[]} people
 */

/** Receives one line per step: what was done, or that nothing needed doing. */
/** @typedef {(line: string) => void} Say */

/** @type {Say} */
const quiet = () => {};

/** @param {Credentials} who */
export function basicAuth({ name, password }) {
  return `Basic ${Buffer.from(`${name}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * One request to the server as `as` (or as no one), which must answer one of `expect`; anything
 * else throws an Error naming the request and the answer.
 * @param {string} url  the server's address, without a trailing slash (it may have a path, such
 *   as `https://example.org/couchdb`)
 * @param {string} method
 * @param {string} path
 * @param {{ as?: Credentials, body?: unknown, expect?: number[] }} [options]
 * @returns {Promise<Response>}
 */
async function couch(url, method, path, { as, body, expect = [200, 201] } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (as) headers.Authorization = basicAuth(as);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!expect.includes(response.status)) {
    const text = await response.text();
    throw new Error(`${method} ${path} answered ${response.status}: ${text.trim() || response.statusText}`);
  }
  return response;
}

/** @param {string} slug */
export const householdDatabase = (slug) => `household-${slug}`;

/** @param {string} slug */
export const householdRole = (slug) => `household:${slug}`;

/** A household's slug: lower-case letters, digits and dashes, as CouchDB database names allow. */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Why `name` cannot be a CouchDB user name, or undefined when it can. CouchDB reserves names
 * starting with "_"; ":" would end the name in the user's id (`org.couchdb.user:<name>`).
 * @param {string} name
 */
export function badUserName(name) {
  if (!name) return 'A user name cannot be empty.';
  if (name.startsWith('_') || name.includes(':')) return `"${name}" cannot be a user name (no leading "_", no ":").`;
  return undefined;
}

// The validation design document.

/** Where Tend's checks live in each household's database. */
export const DESIGN_ID = '_design/tend';

const VALIDATOR_FILE = new URL('../sync/validate-doc-update.js', import.meta.url);

/**
 * @typedef {object} UserContext
 * @property {string | null} name
 * @property {string[]} roles
 */

/**
 * The validate_doc_update function, as the server runs it: throws `{forbidden: reason}` for a
 * document it refuses, and returns nothing for one it accepts.
 * @typedef {(newDoc: Record<string, unknown>, oldDoc: Record<string, unknown> | null, userCtx: UserContext, secObj: object) => void} Validator
 */

/**
 * sync/validate-doc-update.js evaluated here (in a context of its own, as the server evaluates it),
 * so tests call the very function the server is sent.
 * @returns {Validator}
 */
export function compileValidator() {
  const text = readFileSync(VALIDATOR_FILE, 'utf8');
  /** @type {unknown} */
  const validator = runInNewContext(text, {}, { filename: fileURLToPath(VALIDATOR_FILE) });
  if (typeof validator !== 'function') throw new Error(`${fileURLToPath(VALIDATOR_FILE)} must hold one function expression.`);
  return /** @type {Validator} */ (validator);
}

/**
 * The function's source text, `function (newDoc, oldDoc, userCtx, secObj) {…}`: the file without
 * its comments and parentheses, as CouchDB expects the member to read.
 */
export const validatorSource = () => compileValidator().toString();

/** `_design/tend` as it is installed, without a `_rev`. */
export function designDocument() {
  return { _id: DESIGN_ID, language: 'javascript', validate_doc_update: validatorSource() };
}

// The steps.

/**
 * Checks that the server answers and that `admin` is one of its admins; says which server it is.
 * @param {string} url
 * @param {Credentials} admin
 * @param {Say} [say]
 */
export async function checkAdmin(url, admin, say = quiet) {
  /** @type {Record<string, unknown>} */
  const welcome = await (await couch(url, 'GET', '/', { expect: [200] })).json();
  if (!('couchdb' in welcome)) throw new Error(`${url} is not a CouchDB: it answered ${JSON.stringify(welcome)}.`);
  const server = `Apache CouchDB ${welcome.version}`;
  const response = await couch(url, 'GET', '/_session', { as: admin, expect: [200, 401] });
  /** @type {{ userCtx?: UserContext }} */
  const session = await response.json();
  if (response.status === 401 || !session.userCtx?.roles.includes('_admin')) {
    throw new Error(`"${admin.name}" is not a server admin of ${url} (or the password is wrong).`);
  }
  say(`Server: ${server} at ${url}, as admin "${admin.name}".`);
}

/**
 * Creates the `_users` database where it is missing. A CouchDB 3 gets it from its single-node
 * setup; an image started without that setup (such as the Docker image before its wizard) has none.
 * @param {string} url
 * @param {Credentials} admin
 * @param {Say} [say]
 */
export async function ensureUsersDatabase(url, admin, say = quiet) {
  // A CouchDB that has just started makes `_users` itself a moment after it answers `/_up`; a PUT
  // that meets that creation half-way gets 500 "conflict", and the database is there all the same.
  const response = await couch(url, 'PUT', '/_users', { as: admin, expect: [201, 202, 412, 500] });
  if (response.status === 500) {
    const reason = await response.text();
    if (!/conflict|file_exists/.test(reason) || (await couch(url, 'GET', '/_users', { as: admin, expect: [200, 404] })).status !== 200) {
      throw new Error(`PUT /_users answered 500: ${reason.trim()}`);
    }
  }
  say(response.status === 201 || response.status === 202 ? 'Users database _users: created.' : 'Users database _users: already there.');
}

/**
 * What Tend needs of the server's own configuration: sessions that last 30 days and cookies that
 * survive the browser closing, so that a phone offline for days still syncs when it comes back
 * instead of asking for the password again.
 */
export const SERVER_CONFIG = /** @type {const} */ ([
  { key: 'timeout', value: '2592000' },
  { key: 'allow_persistent_cookies', value: 'true' },
]);

/**
 * Sets SERVER_CONFIG where it differs. CouchDB 3 keeps it in the `chttpd_auth` section at
 * `/_node/_local/_config` (the node answering: a cluster needs it on each node).
 * @param {string} url
 * @param {Credentials} admin
 * @param {Say} [say]
 */
export async function ensureServerConfig(url, admin, say = quiet) {
  const base = '/_node/_local/_config/chttpd_auth';
  /** @type {Record<string, unknown>} */
  const section = await (await couch(url, 'GET', base, { as: admin, expect: [200] })).json();
  for (const { key, value } of SERVER_CONFIG) {
    const now = section[key] === undefined ? undefined : String(section[key]);
    const name = `${base.split('/').pop()}/${key}`;
    if (now === value) {
      say(`Config ${name} = ${value}: already so.`);
      continue;
    }
    await couch(url, 'PUT', `${base}/${key}`, { as: admin, body: value, expect: [200] });
    say(`Config ${name} = ${value}: set (was ${now ?? 'unset'}).`);
  }
}

/**
 * Creates a database where it is missing.
 * @param {string} url
 * @param {Credentials} admin
 * @param {string} database
 * @param {Say} [say]
 */
export async function ensureDatabase(url, admin, database, say = quiet) {
  const response = await couch(url, 'PUT', `/${database}`, { as: admin, expect: [201, 202, 412] });
  say(response.status === 412 ? `Database ${database}: already there.` : `Database ${database}: created.`);
}

/**
 * A household database's `_security`: its people (the household's role) are members, who read and
 * write documents; only server admins are its admins, so no person can change who may enter or
 * the design documents that check every write.
 * @param {string} role
 */
export function householdSecurity(role) {
  return { admins: { names: [], roles: ['_admin'] }, members: { names: [], roles: [role] } };
}

/**
 * @param {unknown} security
 * @param {ReturnType<typeof householdSecurity>} wanted
 */
function sameSecurity(security, wanted) {
  const sorted = (/** @type {unknown} */ list) => JSON.stringify(Array.isArray(list) ? [...list].sort() : []);
  const got = /** @type {Record<string, Record<string, unknown> | undefined>} */ (security ?? {});
  return (['admins', 'members']).every((part) =>
    (['names', 'roles']).every((kind) => sorted(got[part]?.[kind]) === sorted(wanted[/** @type {'admins' | 'members'} */ (part)][/** @type {'names' | 'roles'} */ (kind)])),
  );
}

/**
 * Sets a household database's `_security` (householdSecurity) where it differs. Anything else in
 * it is replaced: a household's database admits its own people and no one else.
 * @param {string} url
 * @param {Credentials} admin
 * @param {string} database
 * @param {string} role
 * @param {Say} [say]
 */
export async function ensureSecurity(url, admin, database, role, say = quiet) {
  const wanted = householdSecurity(role);
  const now = await (await couch(url, 'GET', `/${database}/_security`, { as: admin, expect: [200] })).json();
  if (sameSecurity(now, wanted)) return say(`Security of ${database}: already members ${role}, admins server admins only.`);
  await couch(url, 'PUT', `/${database}/_security`, { as: admin, body: wanted, expect: [200, 201] });
  say(`Security of ${database}: set to members ${role}, admins server admins only.`);
}

/**
 * Installs `_design/tend` (designDocument) in a database, or updates it over its current `_rev`
 * where its content differs.
 * @param {string} url
 * @param {Credentials} admin
 * @param {string} database
 * @param {Say} [say]
 */
export async function ensureDesign(url, admin, database, say = quiet) {
  const wanted = designDocument();
  const response = await couch(url, 'GET', `/${database}/${DESIGN_ID}`, { as: admin, expect: [200, 404] });
  /** @type {Record<string, unknown>} */
  const now = response.status === 200 ? await response.json() : {};
  const { _rev, ...content } = now;
  const same = Object.keys(content).length === Object.keys(wanted).length && Object.entries(wanted).every(([key, value]) => content[key] === value);
  if (_rev !== undefined && same) {
    return say(`Validation ${database}/${DESIGN_ID}: already up to date.`);
  }
  await couch(url, 'PUT', `/${database}/${DESIGN_ID}`, { as: admin, body: _rev === undefined ? wanted : { ...wanted, _rev }, expect: [201, 202] });
  say(`Validation ${database}/${DESIGN_ID}: ${_rev === undefined ? 'installed' : 'updated'}.`);
}

/**
 * Whether `person`'s name and password are accepted now (a GET /_session with them, which makes no
 * session).
 * @param {string} url
 * @param {Credentials} person
 */
async function passwordWorks(url, person) {
  const response = await couch(url, 'GET', '/_session', { as: person, expect: [200, 401] });
  if (response.status !== 200) return false;
  /** @type {{ userCtx?: UserContext }} */
  const session = await response.json();
  return session.userCtx?.name === person.name;
}

/**
 * Creates `person` as a user in `_users` with `role`, or updates an existing one: adds the role
 * (keeping the others), and sets the password only if it is not already this one. Setting it
 * again would give the user a new salt, which ends every session they have: each of their devices
 * would have to log in again.
 * @param {string} url
 * @param {Credentials} admin
 * @param {Credentials} person
 * @param {string} role
 * @param {Say} [say]
 */
export async function ensurePerson(url, admin, person, role, say = quiet) {
  const problem = badUserName(person.name);
  if (problem) throw new Error(problem);
  if (!person.password) throw new Error(`"${person.name}" needs a password.`);
  const id = `org.couchdb.user:${person.name}`;
  const path = `/_users/${encodeURIComponent(id)}`;
  const response = await couch(url, 'GET', path, { as: admin, expect: [200, 404] });
  if (response.status === 404) {
    await couch(url, 'PUT', path, { as: admin, body: { _id: id, name: person.name, type: 'user', roles: [role], password: person.password } });
    return say(`Person ${person.name}: created, role ${role}.`);
  }
  /** @type {Record<string, unknown> & { roles?: unknown }} */
  const user = await response.json();
  const roles = Array.isArray(user.roles) ? user.roles.filter((r) => typeof r === 'string') : [];
  const addRole = !roles.includes(role);
  const setPassword = !(await passwordWorks(url, person));
  if (!addRole && !setPassword) return say(`Person ${person.name}: already has role ${role} and this password.`);
  /** @type {Record<string, unknown>} */
  const changed = { ...user, roles: addRole ? [...roles, role] : roles };
  if (setPassword) changed.password = person.password;
  await couch(url, 'PUT', path, { as: admin, body: changed });
  const what = [addRole && `role ${role} added (keeping ${roles.length ? roles.join(', ') : 'no other roles'})`, setPassword && 'password set'];
  say(`Person ${person.name}: ${what.filter(Boolean).join(', ')}.`);
}

/**
 * What every household on a server needs of the server: `_users`, and the session settings.
 * @param {string} url
 * @param {Credentials} admin
 * @param {Say} [say]
 */
export async function prepareServer(url, admin, say = quiet) {
  await checkAdmin(url, admin, say);
  await ensureUsersDatabase(url, admin, say);
  await ensureServerConfig(url, admin, say);
}

/**
 * Prepares a household as an admin: its database, that database's `_security`, the validation
 * design document, and each person as a user in `_users` with the household's role. Each person
 * can then log in with their own name and password (a cookie session, `POST /_session`) and read
 * and write this database and no other, and every write is checked by `_design/tend`.
 *
 * Only admins create databases: clients never try (PouchDB's `skip_setup: true`).
 *
 * @param {string} url
 * @param {Credentials} admin
 * @param {{ slug: string, people: Credentials[] }} household
 * @param {Say} [say]
 * @returns {Promise<Household>}
 */
export async function prepareHousehold(url, admin, { slug, people }, say = quiet) {
  if (!SLUG.test(slug)) throw new Error(`A household's slug is lower-case letters, digits and dashes: "${slug}" is not.`);
  for (const { name } of people) {
    const problem = badUserName(name);
    if (problem) throw new Error(problem);
  }
  const database = householdDatabase(slug);
  const role = householdRole(slug);
  await ensureDatabase(url, admin, database, say);
  await ensureSecurity(url, admin, database, role, say);
  await ensureDesign(url, admin, database, say);
  for (const person of people) await ensurePerson(url, admin, person, role, say);
  return { slug, database, url: `${url}/${database}`, role, people };
}

/**
 * Logs `person` in with a cookie session (`POST /_session`), as PouchDB does, and returns the
 * `Cookie` header value to send with their requests (`AuthSession=…`). Throws if refused.
 * @param {string} url
 * @param {Credentials} person
 * @returns {Promise<string>}
 */
export async function logIn(url, { name, password }) {
  const response = await couch(url, 'POST', '/_session', { body: { name, password }, expect: [200] });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';', 1)[0] ?? '')
    .find((pair) => pair.startsWith('AuthSession='));
  if (!cookie) throw new Error(`POST /_session for "${name}" answered 200 without an AuthSession cookie.`);
  return cookie;
}
