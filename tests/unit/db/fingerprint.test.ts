import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { schemaVersions, type SchemaVersion, type StoredRow } from '../../../src/db/schema';

// Databases made by every shipped version exist on people's devices, and Dexie upgrades them by
// the history as written now. Editing a shipped version therefore goes unnoticed on new installs
// and breaks old ones, so each version is compared with the fingerprint committed when it landed.

interface VersionFingerprint {
  version: number;
  description: string;
  stores: Record<string, string | null>;
  /** Per table, the sha256 of the rows function's source text: functions cannot be compared as data. */
  rows: Record<string, string>;
}

const FINGERPRINT_FILE = 'tests/unit/db/schema-fingerprint.json';
// Parsed rather than imported: TypeScript's inferred type for the JSON is too narrow to pass as data.
const committed = JSON.parse(readFileSync(new URL('./schema-fingerprint.json', import.meta.url), 'utf8')) as VersionFingerprint[];

/** A version as committed to the fingerprint file; printed whole when a new version needs its entry. */
function fingerprintOf({ version, description, stores, rows = {} }: SchemaVersion): VersionFingerprint {
  const hashes = Object.entries(rows).map(([table, rewrite]) => [table, createHash('sha256').update(rewrite.toString()).digest('hex')]);
  return { version, description, stores: { ...stores }, rows: Object.fromEntries(hashes) };
}

/** Every fingerprinted version that is gone from `versions` or no longer matches its fingerprint. */
function rewrittenVersions(fingerprints: readonly VersionFingerprint[], versions: readonly SchemaVersion[]): string[] {
  return fingerprints
    .filter((fingerprint) => {
      const now = versions.find((version) => version.version === fingerprint.version);
      return !now || !isDeepStrictEqual(fingerprintOf(now), fingerprint);
    })
    .map(({ version }) => `Schema version ${version} has changed after it shipped: add a new version instead`);
}

/** Every version in `versions` with no fingerprint yet, with the entry to append. */
function unfingerprintedVersions(fingerprints: readonly VersionFingerprint[], versions: readonly SchemaVersion[]): string[] {
  return versions
    .filter((version) => !fingerprints.some((fingerprint) => fingerprint.version === version.version))
    .map(
      (version) =>
        `Schema version ${version.version} has no fingerprint: once it is final, append this entry to ${FINGERPRINT_FILE}\n` +
        JSON.stringify(fingerprintOf(version), null, 2),
    );
}

/** A copy of the history with `version` changed by `edit`. */
function editVersion(version: number, edit: (shipped: SchemaVersion) => SchemaVersion): SchemaVersion[] {
  return schemaVersions.map((shipped) => (shipped.version === version ? edit(shipped) : shipped));
}

function withRows(version: number, rewrite: (row: StoredRow) => StoredRow): SchemaVersion[] {
  return editVersion(version, (shipped) => ({ ...shipped, rows: { todos: rewrite } }));
}

describe('schema history fingerprint', () => {
  // The messages go in the assertion's own text, so the entry to append prints unescaped.
  it('has not changed any version that shipped', () => {
    const rewritten = rewrittenVersions(committed, schemaVersions);
    expect(rewritten, rewritten.join('\n')).toHaveLength(0);
  });

  it('has a fingerprint for every version', () => {
    const unfingerprinted = unfingerprintedVersions(committed, schemaVersions);
    expect(unfingerprinted, unfingerprinted.join('\n\n')).toHaveLength(0);
  });

  it('numbers versions 1, 2, 3… in order', () => {
    expect(schemaVersions.map((version) => version.version)).toEqual(schemaVersions.map((_, i) => i + 1));
  });
});

// The checks above pass today; these show they would fail when the history is rewritten.
describe('schema history fingerprint catches', () => {
  const changed = (version: number) => [`Schema version ${version} has changed after it shipped: add a new version instead`];

  it('a version whose stores were edited', () => {
    const edited = editVersion(2, (shipped) => ({ ...shipped, stores: { ...shipped.stores, movies: '++id, [titleKey+id]' } }));
    expect(rewrittenVersions(committed, edited)).toEqual(changed(2));
  });

  it('a version whose rows function was added or edited', () => {
    expect(rewrittenVersions(committed, withRows(1, (row) => ({ ...row, tidy: true })))).toEqual(changed(1));

    const shippedWithRows = withRows(2, (row) => ({ ...row, tidy: true })).map(fingerprintOf);
    expect(rewrittenVersions(shippedWithRows, withRows(2, (row) => ({ ...row, tidy: false })))).toEqual(changed(2));
    // The same source written again is no change: the text is compared, not the function object.
    expect(rewrittenVersions(shippedWithRows, withRows(2, (row) => ({ ...row, tidy: true })))).toEqual([]);
  });

  it('a version removed', () => {
    expect(rewrittenVersions(committed, schemaVersions.filter((version) => version.version !== 2))).toEqual(changed(2));
  });

  it('a version appended without its fingerprint', () => {
    const next = { version: schemaVersions.length + 1, description: 'next', stores: { notes: '++id' } };
    const [message] = unfingerprintedVersions(committed, [...schemaVersions, next]);
    expect(message).toContain(`Schema version ${next.version} has no fingerprint`);
    expect(JSON.parse(message!.slice(message!.indexOf('\n')))).toEqual({ ...next, rows: {} });
  });
});
