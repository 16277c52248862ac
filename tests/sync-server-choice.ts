// Which sync server the tests stand on (scripts/sync-server.mjs): said once per run, as the global
// setup of Vitest and of Playwright, and, where there is none, the tests that need one left out of
// the run by the two configs.
import { noSyncServer, serverChoice } from '../scripts/sync-server.mjs';

/** The unit tests that start a sync server (everything under tests/unit/sync/ does). */
const UNIT_TESTS = ['tests/unit/sync/**', 'tests/unit/sync-*.test.ts'];
/** The end-to-end specs that do. */
const E2E_SPECS = ['**/sync*.spec.ts'];

const missing = noSyncServer() !== undefined;

/** Files a test run leaves out: the ones that need a sync server, where there is none. */
export const withoutSyncServer = {
  unit: missing ? UNIT_TESTS : [],
  e2e: missing ? E2E_SPECS : [],
};

export default function sayWhichSyncServer(): void {
  console.log(serverChoice().line);
}
