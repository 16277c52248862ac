// Merging a checked file into what Tend already holds; the rules are at the top of import.ts.
import type { EntityTable } from 'dexie';
import { db } from '../../db/db';
import { newId } from '../../db/ids';
import type { RowId, User } from '../../db/models';
import { outsideProblem, type OutsideReference } from './checks';
import { BACKUP_TABLES, BackupError, problemAt, type ImportSummary, type ParsedBackup } from './format';

/** File id → Tend id, for the users and categories the file's rows point at. */
type IdMap = Map<RowId, RowId>;

/**
 * Reads what the merge depends on, refuses the file if it clashes with Tend, then adds the
 * rows, all in one transaction: another tab cannot add a clashing user between the check
 * and the write, and a failure part-way leaves Tend as it was.
 */
export function mergeInto({ tables, outside }: ParsedBackup): Promise<ImportSummary> {
  return db.transaction('rw', BACKUP_TABLES.map((name) => db.table(name)), async () => {
    const byName = byKey(await db.users.where('usernameKey').anyOf(tables.users.map((user) => user.usernameKey)).toArray(), 'usernameKey');
    const emailKeys = tables.users.flatMap((user) => (user.emailKey === undefined ? [] : [user.emailKey]));
    const byEmail = byKey(await db.users.where('emailKey').anyOf(emailKeys).toArray(), 'emailKey');
    const categoryNames = tables.categories.map((category) => category.nameKey);
    const categoriesByName = byKey(await db.categories.where('nameKey').anyOf(categoryNames).toArray(), 'nameKey');
    const problems = [...emailClashes(tables.users, byName, byEmail), ...(await missingOutside(outside))];
    if (problems.length > 0) throw new BackupError(problems);

    // Writes begin only now that nothing can refuse the file.
    const { ids: userIds, added: usersAdded } = await addUnmatched(db.users, tables.users, (user) => byName.get(user.usernameKey));
    const { ids: categoryIds, added: categoriesAdded } = await addUnmatched(db.categories, tables.categories, (category) =>
      categoriesByName.get(category.nameKey),
    );

    const todos = tables.todos.map((todo) => {
      const row = withNewId(todo);
      if (todo.userId !== undefined) row.userId = tendId(userIds, todo.userId);
      if (todo.categoryId !== undefined) row.categoryId = tendId(categoryIds, todo.categoryId);
      return row;
    });
    const posts = tables.posts.map((post) => {
      const row = { ...withNewId(post), categoryId: tendId(categoryIds, post.categoryId) };
      if (post.authorId !== undefined) row.authorId = tendId(userIds, post.authorId);
      return row;
    });
    await db.todos.bulkAdd(todos);
    await db.posts.bulkAdd(posts);
    await db.movies.bulkAdd(tables.movies.map(withNewId));

    return {
      mode: 'merge' as const,
      added: {
        users: usersAdded,
        categories: categoriesAdded,
        todos: todos.length,
        posts: posts.length,
        movies: tables.movies.length,
      },
      matched: { users: tables.users.length - usersAdded, categories: tables.categories.length - categoriesAdded },
    };
  });
}

/**
 * Adds the file's rows that match nothing in Tend, and maps every file id to Tend's: the
 * match's id, or the id the new row was given.
 */
async function addUnmatched<Row extends { id: RowId }>(
  table: EntityTable<Row, 'id'>,
  rows: Row[],
  matchOf: (row: Row) => { id: RowId } | undefined,
): Promise<{ ids: IdMap; added: number }> {
  const ids: IdMap = new Map();
  const unmatched = rows.filter((row) => {
    const same = matchOf(row);
    if (same) ids.set(row.id, same.id);
    return !same;
  });
  const added = unmatched.map(withNewId);
  await table.bulkAdd(added);
  unmatched.forEach((row, i) => ids.set(row.id, added[i]!.id));
  return { ids, added: unmatched.length };
}

/** Rows by a unique key (rows without it are not in the unique index, so never read here). */
function byKey<Row, Key extends keyof Row>(rows: Row[], key: Key): Map<Row[Key], Row> {
  return new Map(rows.map((row) => [row[key], row]));
}

/**
 * A file user whose email is held in Tend by someone other than the user it matches by name
 * (or by anyone, when it would be added): the file and Tend disagree about who is who.
 */
function emailClashes(users: User[], byName: Map<string, User>, byEmail: Map<string | undefined, User>): string[] {
  const problems: string[] = [];
  for (const [index, user] of users.entries()) {
    const holder = user.emailKey === undefined ? undefined : byEmail.get(user.emailKey);
    if (holder && holder.id !== byName.get(user.usernameKey)?.id) {
      problems.push(problemAt('users', index, 'email', `${user.email} already belongs to ${holder.username} in Tend`));
    }
  }
  return problems;
}

/** References to ids the file does not hold must name rows Tend has. */
async function missingOutside(outside: OutsideReference[]): Promise<string[]> {
  const problems: string[] = [];
  for (const target of ['users', 'categories'] as const) {
    const references = outside.filter((reference) => reference.target === target);
    if (references.length === 0) continue;
    const ids = [...new Set(references.map((reference) => reference.id))];
    const found = await db.table(target).bulkGet(ids);
    const present = new Set(ids.filter((_, i) => found[i] !== undefined));
    for (const reference of references) {
      if (!present.has(reference.id)) problems.push(outsideProblem(reference, 'in this file or in Tend'));
    }
  }
  return problems;
}

/** The id a file's row has in Tend: its new one when the file holds it, else the id itself (checked above). */
function tendId(ids: IdMap, id: RowId): RowId {
  return ids.get(id) ?? id;
}

/** The row as a new one: a merge adds copies, so it never overwrites a row Tend has. */
function withNewId<Row extends { id: RowId }>(row: Row): Row {
  return { ...row, id: newId() };
}
