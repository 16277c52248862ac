// The outside of a backup file: its size, its JSON, and what it says about itself (which app,
// which kind, which schema version made it, which tables it holds). Rows are checked in rows.ts.
import * as v from 'valibot';
import { bringForward, isDataTable, latestVersion, schemaVersions, type SchemaVersion, type StoredRow } from '../../db/schema';
import { APP_NAME, BACKUP_TABLES, BackupError, MAX_BACKUP_BYTES, MAX_ROWS_PER_TABLE, type BackupTableName } from './format';
import { declaredTables } from '../schema-check';
import type { FormerId } from '../../db/models';
import { counted } from '../text';

const MB = 1024 * 1024;

export interface Envelope {
  kind: 'backup' | 'snapshot';
  schemaVersion: number;
  exportedAt: string;
  /** Rows as the file holds them, not yet checked. */
  tables: Record<string, unknown[]>;
}

/** Refuses a file by its size alone, before reading it costs memory. */
export function checkSize(text: string, size: number): void {
  // A UTF-8 file has at least as many bytes as its text has UTF-16 units: a caller passing a
  // wrong size still cannot get a larger text past the cap.
  const bytes = Math.max(size, text.length);
  if (bytes > MAX_BACKUP_BYTES) {
    throw new BackupError(
      `This file is too large to be a Tend backup (${(bytes / MB).toFixed(1)} MB; the limit is ${MAX_BACKUP_BYTES / MB} MB)`,
    );
  }
}

/**
 * How deeply a file may nest. A backup nests four levels (the file, its tables, a table's
 * rows, a row); a deeper file is not Tend's, and walking it recursively could exhaust the stack.
 */
export const MAX_DEPTH = 32;

/**
 * JSON.parse, then one walk over every value outside the tables' rows that refuses forbidden
 * keys at every depth and a file nested deeper than MAX_DEPTH. JSON.parse itself handles deep
 * nesting; its reviver would not (a valid file nested 10,000 deep overflowed it), and calling
 * it for every value cost half as much again as the parse. The walk recurses, but never more
 * than MAX_DEPTH + 1 calls deep, since it refuses the file there; it only calls itself for
 * objects and lists, never for the texts and numbers that are most of a file.
 *
 * The rows themselves are walked by the checks that read them, in one pass with their other
 * checks (checkRow): a row as Tend writes it holds no object and only its table's fields, which
 * the row checks already see, so only a row they refuse is walked. A second walk over every
 * row here cost about 3 ms of readBackup's 50 at 10,000 to-dos. Rows that will be rewritten
 * for an older schema first are walked before that (carryForward).
 */
export function parseJson(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BackupError('This file is not a Tend backup: it is not valid JSON');
  }
  if (parsed !== null && typeof parsed === 'object') checkNested(parsed, 1, tablesIn(parsed));
  return parsed;
}

/** The object that holds the file's tables, if it has one: its lists' rows are walked with their checks. */
function tablesIn(file: object): object | undefined {
  const tables = (file as Record<string, unknown>).tables;
  return tables !== null && typeof tables === 'object' && !Array.isArray(tables) ? tables : undefined;
}

/** How deep a table's row is: in the file, its tables and its table's list. */
const ROW_DEPTH = 4;

/**
 * Refuses a row holding a forbidden key, or nested too deeply, at any depth, as the walk after
 * the parse would have. For a row the row checks refuse, and rows about to be rewritten.
 */
export function checkRow(row: unknown): void {
  if (row !== null && typeof row === 'object') checkNested(row, ROW_DEPTH);
}

/**
 * Checks an object or a list at `depth` (the file itself is 1), and everything inside it but
 * the items of `tables`' lists (the rows: see parseJson).
 */
function checkNested(value: object, depth: number, tables?: object): void {
  if (depth > MAX_DEPTH) {
    throw new BackupError(`This file is nested too deeply to be a Tend backup (more than ${MAX_DEPTH} levels)`);
  }
  if (Array.isArray(value)) {
    // Each object's keys are checked by a small function of its own, and the walk goes into it
    // only when it holds an object or a list: recursing into every row of a table (when the
    // walk still took the rows) made V8 optimise it with its top compiler, 15 ms of compiling.
    for (const item of value as unknown[]) {
      if (item === null || typeof item !== 'object') continue;
      if (Array.isArray(item) || depth + 1 > MAX_DEPTH || holdsNested(item as Record<string, unknown>)) checkNested(item, depth + 1);
    }
    return;
  }
  // Every key of an object first, then what is inside it, so a forbidden key is named even
  // beside a value nested too deeply.
  if (!holdsNested(value as Record<string, unknown>)) return;
  const fields = value as Record<string, unknown>;
  for (const key in fields) {
    const item = fields[key];
    if (item === null || typeof item !== 'object') continue;
    if (value !== tables || !Array.isArray(item)) checkNested(item, depth + 1, tables);
  }
}

/**
 * Refuses an object with a forbidden key; says whether any of its values is an object or a list.
 *
 * Forbidden are the keys that reach an object's prototype when code copies or merges parsed
 * data. JSON.parse itself makes them plain own properties, but the rows travel on through
 * spreads and into IndexedDB, so a file that has them is refused rather than trusted to stay
 * harmless. Compared here rather than looked up in a set: every key of every row is, and three
 * comparisons cost less than a call while the engine has not yet optimised the walk.
 */
function holdsNested(fields: Record<string, unknown>): boolean {
  let nested = false;
  for (const key in fields) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new BackupError(`This file contains a forbidden key (${key}) and was not imported`);
    const item = fields[key];
    if (item !== null && typeof item === 'object') nested = true;
  }
  return nested;
}

// Not a strict object, unlike rows: a later Tend may describe its files with more (a device
// name, say) without changing the schema, and this Tend can still read those rows safely.
const envelopeSchema = v.object({
  app: v.literal(APP_NAME),
  kind: v.picklist(['backup', 'snapshot']),
  schemaVersion: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  exportedAt: v.pipe(v.string(), v.isoTimestamp()),
  // Each table only needs to be a list here: its rows are checked one by one later, and
  // v.array(v.unknown()) would copy every row of the file into a new list just to say so.
  tables: v.record(v.string(), v.custom<unknown[]>((value) => Array.isArray(value))),
});

/** Checks what the file says about itself, one question at a time so the message is precise. */
export function readEnvelope(file: unknown, versions: readonly SchemaVersion[] = schemaVersions): Envelope {
  const latest = versions[versions.length - 1]?.version ?? latestVersion;
  const fields = (file !== null && typeof file === 'object' && !Array.isArray(file) ? file : {}) as Record<string, unknown>;
  if (!v.is(envelopeSchema.entries.app, fields.app)) throw new BackupError('This file is not a Tend backup');
  if (!v.is(envelopeSchema.entries.kind, fields.kind)) {
    throw new BackupError('This file is not a Tend backup: its kind should be "backup" or "snapshot"');
  }
  const version = fields.schemaVersion;
  if (!v.is(envelopeSchema.entries.schemaVersion, version)) {
    throw new BackupError('This file does not say which schema version made it, so it cannot be read safely');
  }
  if (version > latest) {
    throw new BackupError(`This file was made by a newer version of Tend (schema ${version}); update Tend to import it`);
  }
  if (!v.is(envelopeSchema.entries.exportedAt, fields.exportedAt)) {
    throw new BackupError('This file does not say when it was exported (exportedAt should be a date and time)');
  }
  if (!v.is(envelopeSchema.entries.tables, fields.tables)) {
    throw new BackupError('This file’s tables are missing or not lists of rows');
  }
  return { kind: fields.kind, schemaVersion: version, exportedAt: fields.exportedAt, tables: knownTables(fields.tables, version, versions) };
}

/**
 * The tables the file must hold: every data table that existed at its schema version, no
 * more (an unknown table is likely a file edited by hand, or not Tend's), no more rows each
 * than Tend imports.
 */
function knownTables(tables: Record<string, unknown[]>, version: number, versions: readonly SchemaVersion[]) {
  // The data tables a database of `version` has, from the schema history.
  const expected = new Set(declaredTables(versions.filter((each) => each.version <= version)).filter(isDataTable));
  const known: Record<string, unknown[]> = {};
  for (const [name, rows] of Object.entries(tables)) {
    if (!isDataTable(name)) continue;
    if (!expected.has(name)) throw new BackupError(`This file has a table Tend does not know: "${name}"`);
    if (rows.length > MAX_ROWS_PER_TABLE) {
      throw new BackupError(
        `This file has ${counted(rows.length, 'row')} in ${name}; Tend imports at most ${counted(MAX_ROWS_PER_TABLE, 'row')} per table`,
      );
    }
    known[name] = rows;
  }
  for (const name of expected) {
    if (!(name in known)) throw new BackupError(`This file has no ${name} table, which a schema ${version} backup always has`);
  }
  return known;
}

/** A file's rows carried forward, and the numbers a file made before schema 5 gave them. */
export interface CarriedForward {
  tables: Record<BackupTableName, unknown[]>;
  /**
   * Only for a file made before schema 5: each row's number in the file beside the id it was
   * just given (the rewrite makes these from numbers it checked, so they are not checked again).
   */
  formerIds?: FormerId[];
}

/**
 * The file's rows in the shape the running code stores, through the same row rewrites the
 * upgrades make; tables the file's version did not have yet are empty. A file made before
 * schema 5 has numbers for ids: they become UUIDs here, and its links follow them.
 */
export function carryForward(envelope: Pick<Envelope, 'tables' | 'schemaVersion'>, versions: readonly SchemaVersion[] = schemaVersions): CarriedForward {
  // Only the household's tables: a snapshot also holds the device's own (its formerIds among
  // them), which describe the device it was taken on and are never restored from a file.
  const data = Object.fromEntries(Object.entries(envelope.tables).filter(([name]) => isDataTable(name)));
  // The rewrites read the rows before the row checks do, so they are walked first (see parseJson).
  const latest = versions[versions.length - 1]?.version ?? latestVersion;
  if (envelope.schemaVersion < latest) for (const rows of Object.values(data)) for (const row of rows) checkRow(row);
  let forward: Record<string, unknown[]>;
  try {
    forward = bringForward(data as Record<string, StoredRow[]>, envelope.schemaVersion, versions);
  } catch (error) {
    // The re-key names the row it cannot rewrite (two rows with one number, a link to a number
    // the file does not hold), so its words are shown. Any other failure is a row a rewrite
    // cannot read, which the row checks would refuse anyway, less clearly.
    const named = error instanceof Error && error.name === 'Error' ? `: ${error.message}` : '; it may have been edited';
    throw new BackupError(`This file’s rows could not be carried forward from schema ${envelope.schemaVersion}${named}`);
  }
  const tables = Object.fromEntries(BACKUP_TABLES.map((name) => [name, forward[name] ?? []])) as Record<BackupTableName, unknown[]>;
  return forward.formerIds ? { tables, formerIds: forward.formerIds as FormerId[] } : { tables };
}
