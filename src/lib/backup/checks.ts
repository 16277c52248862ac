// Checks across rows, after each row is checked alone: ids and names that must be unique,
// and the references between tables.
import { BACKUP_TABLES, MAX_PROBLEMS, SINGULAR, emptyTables, problemAt, type BackupTableName, type BackupTables } from './format';
import { readRow } from './rows';
import { LINKS, type Link } from '../links';


/**
 * A reference to an id the file does not hold. Replace refuses it; merge accepts it when Tend
 * already has that row (a file of to-dos for people already in Tend), which only the database
 * can say, so it is settled inside the import's transaction.
 */
export interface OutsideReference extends Link {
  /** The referring row's index in its table. */
  index: number;
  id: string;
}

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
  for (const name of BACKUP_TABLES) {
    readTable(name, raw[name], tables, problems);
  }
  if (problems.list.length > 0) return { tables, outside: [], problems: problems.list };
  const ids = uniqueIds(tables, problems);
  uniqueFolded(tables.users, 'username', 'usernameKey', 'users', problems);
  uniqueFolded(tables.users, 'email', 'emailKey', 'users', problems);
  uniqueFolded(tables.categories, 'name', 'nameKey', 'categories', problems);
  return { tables, outside: outsideReferences(tables, ids), problems: problems.list };
}

// The loops below run once per row of a file of up to 100,000 rows a table, so they count
// indexes rather than making an [index, row] pair per row as `.entries()` does.

function readTable<Name extends BackupTableName>(name: Name, rows: unknown[], into: BackupTables, problems: Problems) {
  const read = readRow[name];
  const stored = into[name] as BackupTables[Name][number][];
  for (let index = 0; index < rows.length; index++) {
    if (problems.full) return;
    const result = read(rows[index]);
    if (result.ok) stored.push(result.row);
    else for (const { field, message } of result.problems) problems.add(problemAt(name, index, field, message));
  }
}

/** Each table's ids, once every id has been checked for repeats. */
type IdIndex = Record<BackupTableName, Set<string>>;

function uniqueIds(tables: BackupTables, problems: Problems): IdIndex {
  const ids = {} as IdIndex;
  for (const name of BACKUP_TABLES) {
    const rows = tables[name];
    const seen = new Set<string>();
    for (let index = 0; index < rows.length; index++) {
      const { id } = rows[index]!;
      // One look-up per row: an id seen before leaves the set as large as it was. Which row
      // had it first is only looked for then.
      const size = seen.size;
      if (seen.add(id).size === size) {
        const first = rows.findIndex((row) => row.id === id);
        problems.add(problemAt(name, index, 'id', `id ${id} is also the id of row ${first + 1}`));
      }
    }
    ids[name] = seen;
  }
  return ids;
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

function outsideReferences(tables: BackupTables, ids: IdIndex): OutsideReference[] {
  const outside: OutsideReference[] = [];
  for (const link of LINKS) {
    const rows = tables[link.table] as unknown as Record<string, string | undefined>[];
    const targets = ids[link.target];
    for (let index = 0; index < rows.length; index++) {
      const id = rows[index]![link.field];
      if (id !== undefined && !targets.has(id)) outside.push({ ...link, index, id });
    }
  }
  return outside;
}
