// Checks across rows, gathered as each row is read and passes its own rules: ids and names
// that must be unique, and the references between tables.
import { BACKUP_TABLES, MAX_PROBLEMS, SINGULAR, emptyTables, problemAt, type BackupTableName, type BackupTables, type OutsideReference } from './format';
import { readRow } from './rows';
import { LINKS } from '../links';


export type { OutsideReference } from './format';

export function outsideProblem(reference: OutsideReference, where: string): string {
  const { table, index, field, target, id } = reference;
  return problemAt(table, index, field, `there is no ${SINGULAR[target]} with id ${id} ${where}`);
}

/** Up to MAX_PROBLEMS messages; checks stop early once it is full. */
class Problems {
  readonly list: string[] = [];
  add(message: string) {
    if (!this.full) this.list.push(message);
  }
  get full() {
    return this.list.length >= MAX_PROBLEMS;
  }
}

export interface CheckedTables {
  tables: BackupTables;
  outside: OutsideReference[];
  problems: string[];
}

/** Checks every row, then uniqueness and references; rows come back in their stored form. */
export function checkTables(raw: Record<BackupTableName, unknown[]>): CheckedTables {
  const problems = new Problems();
  const tables = emptyTables();
  const seen = new Seen();
  for (const name of BACKUP_TABLES) {
    readTable(name, raw[name], tables, problems, seen);
  }
  if (problems.list.length > 0) return { tables, outside: [], problems: problems.list };
  for (const message of seen.repeatedIds) problems.add(message);
  uniqueFolded(tables.users, 'username', 'usernameKey', 'users', problems);
  uniqueFolded(tables.users, 'email', 'emailKey', 'users', problems);
  uniqueFolded(tables.categories, 'name', 'nameKey', 'categories', problems);
  return { tables, outside: seen.outside.flat(), problems: problems.list };
}

/**
 * What the rows read so far hold: each table's ids (see readTable for when), the ids repeated
 * (in words, as many as can be shown), and the references to ids the file does not hold, one
 * list per link so they come out link by link. Gathered as each row is read, in one loop over
 * the rows: users and categories are read before the to-dos and posts that point at them
 * (BACKUP_TABLES), so their ids are all known by then. Used only when every row passed its
 * rules: until then a row's index among those read is not its index in the file.
 */
class Seen {
  readonly ids = Object.fromEntries(BACKUP_TABLES.map((name) => [name, new Set<string>()])) as Record<BackupTableName, Set<string>>;
  readonly repeatedIds: string[] = [];
  readonly outside: OutsideReference[][] = LINKS.map(() => []);
}

// The loop below runs once per row of a file of up to 100,000 rows a table, so it counts
// indexes rather than making an [index, row] pair per row as `.entries()` does, and walks the
// table's links by index rather than through an iterator.
//
// A repeated id is found without keeping every id while a table's ids come in ascending order,
// as Tend writes them (an export reads each table in the order of its key): an id that sorts
// after the one before it sorts after all of them, so it repeats none. One comparison of two
// texts, where adding each id to a set cost a fifth of checking a file of 10,000 to-dos.
// From the first id out of that order on, the table's ids are kept in its set, those before it
// included. A table that rows link to (users, categories) keeps every id there anyway, for
// the links.

function readTable<Name extends BackupTableName>(name: Name, rows: unknown[], into: BackupTables, problems: Problems, seen: Seen) {
  if (problems.full) return;
  const read = readRow[name];
  const stored = into[name] as BackupTables[Name][number][];
  const ids = seen.ids[name];
  const linkedTo = LINKS.some((link) => link.target === name);
  const links = LINKS.flatMap((link, at) => (link.table === name ? [{ link, ids: seen.ids[link.target], outside: seen.outside[at]! }] : []));
  // The highest id so far, while every id has sorted after the one before it.
  let ascendingTo: string | undefined = '';
  for (let index = 0; index < rows.length; index++) {
    const result = read(rows[index]);
    if (!result.ok) {
      for (const { field, message } of result.problems) problems.add(problemAt(name, index, field, message));
      if (problems.full) return;
      continue;
    }
    const { row } = result;
    if (ascendingTo !== undefined && row.id > ascendingTo) {
      ascendingTo = row.id;
      if (linkedTo) ids.add(row.id);
    } else {
      // The first id out of order: the set takes every id before it (a linked-to table's has them).
      if (ascendingTo !== undefined && !linkedTo) for (let at = 0; at < stored.length; at++) ids.add(stored[at]!.id);
      ascendingTo = undefined;
      // One look-up per id: an id seen before leaves the set as large as it was. Which row had
      // it first is only looked for then, and only for as many as can be shown.
      const size = ids.size;
      if (ids.add(row.id).size === size && seen.repeatedIds.length < MAX_PROBLEMS) {
        const first = stored.findIndex((other) => other.id === row.id);
        seen.repeatedIds.push(problemAt(name, index, 'id', `id ${row.id} is also the id of row ${first + 1}`));
      }
    }
    stored.push(row);
    for (let at = 0; at < links.length; at++) {
      const { link, ids: targets, outside } = links[at]!;
      const id = (row as unknown as Record<string, string | undefined>)[link.field];
      if (id !== undefined && !targets.has(id)) outside.push({ ...link, index, id });
    }
  }
}

/** Names that must be unique ignoring case, compared through their (recomputed) folded keys. */
function uniqueFolded<Row extends object>(rows: Row[], field: keyof Row & string, key: keyof Row, table: string, problems: Problems) {
  const seen = new Map<unknown, number>();
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    const folded = row[key];
    if (folded === undefined) continue;
    const first = seen.get(folded);
    if (first === undefined) seen.set(folded, index);
    else {
      problems.add(
        problemAt(table, index, field, `"${String(row[field])}" is also the ${field} of row ${first + 1} (compared ignoring case)`),
      );
    }
  }
}
