import type { SchemaVersion } from './schema';

// Databases made by every shipped version exist on people's devices, and Dexie upgrades them by
// the history as written now. Editing a shipped version therefore goes unnoticed on new installs
// and breaks old ones, so each version is compared with the fingerprint committed when it landed
// (tests/unit/db/schema-fingerprint.json, checked by a unit test).

export interface VersionFingerprint {
  version: number;
  description: string;
  stores: Record<string, string | null>;
  /** Per table, the sha256 of the rows function's source text: functions cannot be compared as data. */
  rows: Record<string, string>;
  /** The tables a whole-tables rewrite reads, and the sha256 of its source text. */
  tables?: { reads: string[]; rewrite: string };
  moves?: Record<string, string>;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A version as committed to the fingerprint file; printed whole when a new version needs its entry. */
export async function fingerprintOf({ version, description, stores, rows = {}, tables, moves }: SchemaVersion): Promise<VersionFingerprint> {
  const hashes = await Promise.all(Object.entries(rows).map(async ([table, rewrite]) => [table, await sha256(rewrite.toString())] as const));
  const fingerprint: VersionFingerprint = { version, description, stores: { ...stores }, rows: Object.fromEntries(hashes) };
  if (tables) fingerprint.tables = { reads: [...tables.reads], rewrite: await sha256(tables.rewrite.toString()) };
  if (moves) fingerprint.moves = { ...moves };
  return fingerprint;
}

/** Every fingerprinted version that is gone from `versions` or no longer matches its fingerprint. */
export async function rewrittenVersions(fingerprints: readonly VersionFingerprint[], versions: readonly SchemaVersion[]): Promise<string[]> {
  const changed: string[] = [];
  for (const fingerprint of fingerprints) {
    const now = versions.find((version) => version.version === fingerprint.version);
    if (!now || !sameFingerprint(await fingerprintOf(now), fingerprint)) {
      changed.push(`Schema version ${fingerprint.version} has changed after it shipped: add a new version instead`);
    }
  }
  return changed;
}

/** Every version in `versions` with no fingerprint yet, with the entry to append to `file`. */
export async function unfingerprintedVersions(
  fingerprints: readonly VersionFingerprint[],
  versions: readonly SchemaVersion[],
  file: string,
): Promise<string[]> {
  const missing = versions.filter((version) => !fingerprints.some((fingerprint) => fingerprint.version === version.version));
  return Promise.all(
    missing.map(
      async (version) =>
        `Schema version ${version.version} has no fingerprint: once it is final, append this entry to ${file}\n` +
        JSON.stringify(await fingerprintOf(version), null, 2),
    ),
  );
}

function sameFingerprint(a: VersionFingerprint, b: VersionFingerprint): boolean {
  return (
    a.version === b.version &&
    a.description === b.description &&
    sameEntries(a.stores, b.stores) &&
    sameEntries(a.rows, b.rows) &&
    JSON.stringify(a.tables) === JSON.stringify(b.tables) &&
    sameEntries(a.moves ?? {}, b.moves ?? {})
  );
}

/** The same keys with the same values, in any order (the JSON file's order is not the code's). */
function sameEntries(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => key in b && b[key] === value);
}
