// pouchdb-server 4.2.0, the last resort of scripts/sync-server.mjs where no Apache CouchDB can be
// started (no ../shared/couchdb/ and no TEND_TEST_COUCHDB): how to run it, in memory, on 127.0.0.1.
//
// It is no model of CouchDB's security (see /docs/deploying.md, "The test server"), so only tests
// and trying sync out ever run it, never a household.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pouchdb-server script, run with this Node directly so that the pid is the server's own. */
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
 * The command that runs pouchdb-server in memory on 127.0.0.1:`port`, writing its config and log
 * into `dir`.
 * @param {number} port
 * @param {string} dir
 */
export function pouchdbServerCommand(port, dir) {
  return {
    command: process.execPath,
    args: [
      // Fixes for pouchdb-server's faults (see the file).
      '--require', fileURLToPath(new URL('./pouchdb-server-fix.cjs', import.meta.url)),
      serverScript(),
      '--in-memory',
      '--host', '127.0.0.1',
      '--port', String(port),
      '--dir', dir,
      '--config', join(dir, 'config.json'),
      // Plain log lines (what it says ends up in errors); --no-stdout-logs would be read as
      // "stdout-logs: false" by its argument parser and do nothing.
      '--no-color',
    ],
  };
}
