// The schema versions the builds under test store data in, read from the one list that declares
// them, so that shipping a version changes no spec's numbers. The test process has no
// VITE_TEST_SCHEMA_VERSION, so the list it sees is the shipped one.
import { latestShippedVersion } from '../../../src/db/schema.ts';

/** What a normal build (`dist`, `dist-tend`) stores data in. */
export const CURRENT_VERSION = latestShippedVersion;

/** The update test's next build (`dist-next`, VITE_TEST_SCHEMA_VERSION=1) adds one version after it. */
export const NEXT_VERSION = latestShippedVersion + 1;
