// Says once per test run which sync server the tests stand on (scripts/sync-server.mjs), as the
// global setup of Vitest and of Playwright.
import { serverChoice } from '../scripts/sync-server.mjs';

export default function sayWhichSyncServer(): void {
  console.log(serverChoice().line);
}
