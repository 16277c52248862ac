import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { QUERY_LOG_LIMIT, queryLog, queryLogInstalled, setQueryLog } from '../../src/lib/query-log.svelte';
import { createUser } from '../../src/lib/users/mutations';
import { userPages } from '../../src/lib/users/queries';
import { orderingFor } from '../../src/lib/paging';
import { usersModel } from '../../src/lib/users/model';
import { fixedId } from './support';

afterEach(async () => {
  await setQueryLog(false);
  queryLog.clear();
});

describe('the query log', () => {
  it('is not in the database’s path while off', async () => {
    expect(queryLogInstalled()).toBe(false);
    await createUser({ username: 'Ann', email: '' });
    expect(queryLog.entries).toEqual([]);
  });

  it('records every operation with its table, kind, keys or range, rows and duration, newest first', async () => {
    await setQueryLog(true);
    expect(queryLogInstalled()).toBe(true);
    await createUser({ username: 'Ann', email: '' });
    await userPages.page(orderingFor(usersModel.listing, {}), { at: 'first' }, 10);

    const [newest] = queryLog.entries;
    expect(newest).toMatchObject({ table: 'users', kind: 'query', rows: 1 });
    expect(newest?.detail).toContain('[usernameSortKey+id]');
    expect(newest?.detail).toContain('limit 11');
    expect(queryLog.entries.some((entry) => entry.table === 'users' && entry.kind === 'add' && entry.rows === 1)).toBe(true);
    expect(queryLog.entries.every((entry) => entry.ms >= 0)).toBe(true);
  });

  it('shows the row ids it read, as they are stored', async () => {
    const ann = await createUser({ username: 'Ann', email: '' });
    await createUser({ username: 'Bob', email: '' });
    await setQueryLog(true);
    expect(await db.users.get(ann)).toMatchObject({ username: 'Ann' });
    expect(queryLog.entries[0]).toMatchObject({ table: 'users', kind: 'get', detail: `key "${ann}"`, rows: 1 });

    // The next page starts after the last row's key, which ends in its id.
    const first = await userPages.page(orderingFor(usersModel.listing, {}), { at: 'first' }, 1);
    await userPages.page(orderingFor(usersModel.listing, {}), { after: first.lastKey! }, 1);
    const next = queryLog.entries.find((entry) => entry.kind === 'query' && entry.detail.includes(ann));
    expect(next).toMatchObject({ table: 'users', rows: 1 });
    expect(next?.detail).toContain(`["ann","${ann}"]`);
  });

  it('keeps only the newest entries', async () => {
    await setQueryLog(true);
    for (let i = 0; i < QUERY_LOG_LIMIT + 20; i += 1) await db.users.get(fixedId(i));
    expect(queryLog.entries).toHaveLength(QUERY_LOG_LIMIT);
    expect(queryLog.entries[0]?.detail).toBe(`key "${fixedId(QUERY_LOG_LIMIT + 19)}"`);
  });

  it('comes out of the path again when switched off, and the data is untouched', async () => {
    await setQueryLog(true);
    await createUser({ username: 'Ann', email: '' });
    await setQueryLog(false);
    expect(queryLogInstalled()).toBe(false);
    const before = queryLog.entries.length;
    await db.users.toArray();
    expect(queryLog.entries).toHaveLength(before);
    expect(await db.users.count()).toBe(1);
  });
});
