// Importing a backup (or a snapshot file), in two steps: readBackup() checks the whole file
// without touching the database, then importBackup() writes it in ONE transaction, so a bad
// file, or a failure part-way, changes nothing.
//
// "Replace everything" clears the five data tables and writes the file's rows with their own
// ids: export, clear and import give back identical data. (A file made before schema 5 has
// numbers for ids; carryForward() has given its rows UUIDs by then, and its numbers are kept
// for old addresses: see replaceWith.)
//
// "Merge" keeps everything already in Tend and adds the file's rows:
// - every added row gets a NEW id, so nothing in Tend is ever overwritten, and the file's
//   references (a to-do's owner and category, a post's category and author) are changed to
//   those new ids;
// - a user whose username (ignoring case) is already in Tend is not added: the file's rows
//   that point at it point at the user already in Tend, which is kept as it is; a category
//   whose name is already in Tend is matched the same way;
// - a user whose email (ignoring case) belongs to a different user in Tend refuses the whole
//   file, naming the row, rather than silently dropping or changing the email;
// - to-dos, posts and movies have no natural unique key, so they are always added;
// - an id the file does not hold is looked up in Tend (a file of to-dos for people already
//   here); if Tend has no such row either, the file is refused.
import { replaceDataTables } from '../../db/db';
import { schemaVersions, type SchemaVersion } from '../../db/schema';
import { checkTables, outsideProblem } from './checks';
import { carryForward, checkSize, parseJson, readEnvelope } from './envelope';
import { BACKUP_TABLES, BackupError, type ImportMode, type ImportSummary, type ParsedBackup } from './format';
import { mergeInto } from './merge';

export { BackupError, MAX_BACKUP_BYTES, MAX_ROWS_PER_TABLE } from './format';

// What a checked file holds, and what an import did, are described with the file's format
// (merge.ts uses them too, and is imported from here).
export type { ImportMode, ImportSummary, ParsedBackup } from './format';

/**
 * Reads and checks a file's text: size (`size` is the file's size in bytes), JSON, forbidden
 * keys, what the file says about itself, then every row and the links between rows. Pure:
 * nothing is read from or written to the database. Throws BackupError naming what is wrong.
 * `versions` is the schema history; tests pass a longer one to prove rows are carried forward.
 */
export function readBackup(text: string, size: number, versions: readonly SchemaVersion[] = schemaVersions): ParsedBackup {
  checkSize(text, size);
  const envelope = readEnvelope(parseJson(text), versions);
  const { tables: carried, formerIds } = carryForward(envelope, versions);
  const { tables, outside, problems } = checkTables(carried);
  if (problems.length > 0) throw new BackupError(problems);
  const parsed = { kind: envelope.kind, schemaVersion: envelope.schemaVersion, exportedAt: envelope.exportedAt, tables, outside };
  return formerIds ? { ...parsed, formerIds } : parsed;
}

/**
 * Makes Tend's data exactly `tables`, rows of a database made by `fromVersion` (a snapshot):
 * carried forward, checked and stored by the same rules and row functions as an imported
 * file, then written as "replace" writes. Throws BackupError, writing nothing, if a row breaks a rule.
 */
export function restoreTables(tables: Record<string, unknown[]>, fromVersion: number): Promise<ImportSummary> {
  const { tables: carried, formerIds } = carryForward({ tables, schemaVersion: fromVersion });
  const { tables: checked, outside, problems } = checkTables(carried);
  if (problems.length > 0) throw new BackupError(problems);
  return replaceWith({ tables: checked, outside, formerIds });
}

/** Writes a checked file, replacing Tend's data or merging into it, in one transaction. */
export function importBackup(parsed: ParsedBackup, mode: ImportMode): Promise<ImportSummary> {
  return mode === 'replace' ? replaceWith(parsed) : mergeInto(parsed);
}

async function replaceWith({ tables, outside, formerIds }: Pick<ParsedBackup, 'tables' | 'outside' | 'formerIds'>): Promise<ImportSummary> {
  // Nothing else will be in Tend afterwards, so every reference must be to the file's own rows.
  if (outside.length > 0) throw new BackupError(outside.map((reference) => outsideProblem(reference, 'in this file')));
  // A file made before schema 5 brings the numbers its rows had: they replace the device's, in
  // the data's own transaction, so an old address such as users/3 opens the file's user 3 (the
  // device's former rows are gone). A later file's rows keep their ids, so the device's old
  // numbers still lead to them: formerIds is left as it is (undefined). Merge never writes
  // them: its rows get new ids, and the device's own rows keep theirs.
  await replaceDataTables({ ...tables }, formerIds);
  const added = Object.fromEntries(BACKUP_TABLES.map((name) => [name, tables[name].length])) as ImportSummary['added'];
  return { mode: 'replace', added, matched: { users: 0, categories: 0 } };
}
