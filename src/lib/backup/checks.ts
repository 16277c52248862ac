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
  uniqueIds(tables, problems);
  uniqueFolded(tables.users, 'username', 'usernameKey', 'users', problems);
  uniqueFolded(tables.users, 'email', 'emailKey', 'users', problems);
  uniqueFolded(tables.categories, 'name', 'nameKey', 'categories', problems);
  return { tables, outside: outsideReferences(tables), problems: problems.list };
}

function readTable<Name extends BackupTableName>(name: Name, rows: unknown[], into: BackupTables, problems: Problems) {
  const read = readRow[name];
  const stored = into[name] as BackupTables[Name][number][];
  for (const [index, input] of rows.entries()) {
    if (problems.full) return;
    const result = read(input);
    if (result.ok) stored.push(result.row);
    else for (const { field, message } of result.problems) problems.add(problemAt(name, index, field, message));
  }
}

function uniqueIds(tables: BackupTables, problems: Problems) {
  for (const name of BACKUP_TABLES) {
    const seen = new Map<string, number>();
    for (const [index, row] of tables[name].entries()) {
      const first = seen.get(row.id);
      if (first === undefined) seen.set(row.id, index);
      else problems.add(problemAt(name, index, 'id', `id ${row.id} is also the id of row ${first + 1}`));
    }
  }
}

/** Names that must be unique ignoring case, compared through their (recomputed) folded keys. */
function uniqueFolded<Row extends object>(rows: Row[], field: keyof Row & string, key: keyof Row, table: string, problems: Problems) {
  const seen = new Map<unknown, number>();
  for (const [index, row] of rows.entries()) {
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

function outsideReferences(tables: BackupTables): OutsideReference[] {
  const ids = { users: new Set(tables.users.map((row) => row.id)), categories: new Set(tables.categories.map((row) => row.id)) };
  const outside: OutsideReference[] = [];
  for (const link of LINKS) {
    for (const [index, row] of tables[link.table].entries()) {
      const id = (row as unknown as Record<string, string | undefined>)[link.field];
      if (id !== undefined && !ids[link.target].has(id)) outside.push({ ...link, index, id });
    }
  }
  return outside;
}
