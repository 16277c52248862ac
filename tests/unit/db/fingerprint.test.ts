import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, rewrittenVersions, unfingerprintedVersions, type VersionFingerprint } from '../../../src/db/fingerprint';
import { schemaVersions, type SchemaVersion, type StoredRow } from '../../../src/db/schema';

// Each shipped schema version is compared with the fingerprint committed when it landed
// (src/db/fingerprint.ts says why).

const FINGERPRINT_FILE = 'tests/unit/db/schema-fingerprint.json';
// Parsed rather than imported: TypeScript's inferred type for the JSON is too narrow to pass as data.
const committed = JSON.parse(readFileSync(new URL('./schema-fingerprint.json', import.meta.url), 'utf8')) as VersionFingerprint[];

/** A copy of the history with `version` changed by `edit`. */
function editVersion(version: number, edit: (shipped: SchemaVersion) => SchemaVersion): SchemaVersion[] {
  return schemaVersions.map((shipped) => (shipped.version === version ? edit(shipped) : shipped));
}

function withRows(version: number, rewrite: (row: StoredRow) => StoredRow): SchemaVersion[] {
  return editVersion(version, (shipped) => ({ ...shipped, rows: { todos: rewrite } }));
}

describe('schema history fingerprint', () => {
  // The messages go in the assertion's own text, so the entry to append prints unescaped.
  it('has not changed any version that shipped', async () => {
    const rewritten = await rewrittenVersions(committed, schemaVersions);
    expect(rewritten, rewritten.join('\n')).toHaveLength(0);
  });

  it('has a fingerprint for every version', async () => {
    const unfingerprinted = await unfingerprintedVersions(committed, schemaVersions, FINGERPRINT_FILE);
    expect(unfingerprinted, unfingerprinted.join('\n\n')).toHaveLength(0);
  });

  it('numbers versions 1, 2, 3… in order', () => {
    expect(schemaVersions.map((version) => version.version)).toEqual(schemaVersions.map((_, i) => i + 1));
  });
});

// The checks above pass today; these show they would fail when the history is rewritten.
describe('schema history fingerprint catches', () => {
  const changed = (version: number) => [`Schema version ${version} has changed after it shipped: add a new version instead`];

  it('a version whose stores were edited', async () => {
    const edited = editVersion(2, (shipped) => ({ ...shipped, stores: { ...shipped.stores, movies: '++id, [titleKey+id]' } }));
    expect(await rewrittenVersions(committed, edited)).toEqual(changed(2));
  });

  it('a version whose rows function was added or edited', async () => {
    expect(await rewrittenVersions(committed, withRows(1, (row) => ({ ...row, tidy: true })))).toEqual(changed(1));

    const shippedWithRows = await Promise.all(withRows(2, (row) => ({ ...row, tidy: true })).map(fingerprintOf));
    expect(await rewrittenVersions(shippedWithRows, withRows(2, (row) => ({ ...row, tidy: false })))).toEqual(changed(2));
    // The same source written again is no change: the text is compared, not the function object.
    expect(await rewrittenVersions(shippedWithRows, withRows(2, (row) => ({ ...row, tidy: true })))).toEqual([]);
  });

  it('a version removed', async () => {
    expect(await rewrittenVersions(committed, schemaVersions.filter((version) => version.version !== 2))).toEqual(changed(2));
  });

  it('a version appended without its fingerprint', async () => {
    const next = { version: schemaVersions.length + 1, description: 'next', stores: { notes: '++id' } };
    const [message] = await unfingerprintedVersions(committed, [...schemaVersions, next], FINGERPRINT_FILE);
    expect(message).toContain(`Schema version ${next.version} has no fingerprint`);
    expect(JSON.parse(message!.slice(message!.indexOf('\n')))).toEqual({ ...next, rows: {} });
  });
});
