import { db } from '../db/db';

/** The tables a sample load writes and an emptiness check reads, all of Tend. */
export const allTables = () => [db.users, db.todos, db.categories, db.posts, db.movies];

/**
 * Whether Tend holds no rows at all (the moment to offer sample data). One read transaction.
 * Apart from the sample data itself, which is only loaded when asked for.
 */
export async function isTendEmpty(): Promise<boolean> {
  return db.transaction('r', allTables(), async () => {
    // Looks for one row per table, rather than counting them all.
    const firsts = await Promise.all(allTables().map((table) => table.limit(1).primaryKeys()));
    return firsts.every((keys) => keys.length === 0);
  });
}
