import { dataTables, db } from '../db/db';

/**
 * Whether Tend holds no rows at all (the moment to offer sample data). One read transaction.
 * Apart from the sample data itself, which is only loaded when asked for.
 */
export async function isTendEmpty(): Promise<boolean> {
  return db.transaction('r', dataTables(), async () => {
    // Looks for one row per table, rather than counting them all.
    const firsts = await Promise.all(dataTables().map((table) => table.limit(1).primaryKeys()));
    return firsts.every((keys) => keys.length === 0);
  });
}
