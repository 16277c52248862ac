import { withData } from './data';

/**
 * Before schema 5, rows were numbered and addresses read `users/3`. The upgrade kept each
 * row's number beside its new id (the device's `formerIds` table), so a bookmark, a link in a
 * note or a page left open keeps opening the same row. Returns the address with the row's id
 * for such a path, and undefined for any other (a deleted row's old number included: its
 * address then says "not found" as any other would).
 */
export async function currentAddressOf(pathname: string): Promise<string | undefined> {
  const match = /^\/(\w+)\/([1-9]\d{0,15})(\/(?:edit|delete))?$/.exec(pathname);
  // Most addresses end here, without waiting for the database (the to-do list's first rows don't).
  if (!match) return undefined;
  const [, table = '', number = '', rest = ''] = match;
  return withData(async ({ db, dataTables }) => {
    // A model's addresses are named after its table.
    if (!dataTables().some((each) => each.name === table)) return undefined;
    const former = await db.formerIds.get([table, Number(number)]);
    if (!former || !(await db.table(table).get(former.id))) return undefined;
    return `/${table}/${former.id}${rest}`;
  });
}
