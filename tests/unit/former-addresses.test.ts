// Addresses from before rows had UUIDs (`/users/3`, bookmarked or left open) must keep
// opening the same row, through the numbers the schema 5 upgrade kept in formerIds; any other
// address is left to the router, which says "not found" where nothing is there.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { createCategory } from '../../src/lib/categories/mutations';
import { currentAddressOf } from '../../src/lib/former-addresses';
import { createUser, deleteUser } from '../../src/lib/users/mutations';

/** Ann was user 3 and Bob user 5 before the upgrade; the Garden category was category 3. */
async function seed() {
  const ann = await createUser({ username: 'Ann', email: '' });
  const bob = await createUser({ username: 'Bob', email: '' });
  const garden = await createCategory({ name: 'Garden' });
  await db.formerIds.bulkAdd([
    { table: 'users', formerId: 3, id: ann },
    { table: 'users', formerId: 5, id: bob },
    { table: 'categories', formerId: 3, id: garden },
  ]);
  return { ann, bob, garden };
}

describe('an address from before UUIDs', () => {
  it('leads to the same row’s address now, its edit and delete pages included', async () => {
    const { ann } = await seed();
    expect(await currentAddressOf('/users/3')).toBe(`/users/${ann}`);
    expect(await currentAddressOf('/users/3/edit')).toBe(`/users/${ann}/edit`);
    expect(await currentAddressOf('/users/3/delete')).toBe(`/users/${ann}/delete`);
  });

  it('reads the number in its own table: category 3 is not user 3', async () => {
    const { garden } = await seed();
    expect(await currentAddressOf('/categories/3')).toBe(`/categories/${garden}`);
    expect(await currentAddressOf('/todos/3')).toBeUndefined();
  });

  it('leads nowhere for a number no row had, or whose row has been deleted since', async () => {
    const { bob } = await seed();
    expect(await currentAddressOf('/users/4')).toBeUndefined();
    expect(await currentAddressOf('/users/5')).toBe(`/users/${bob}`);
    await deleteUser(bob, { kind: 'unlink' });
    expect(await currentAddressOf('/users/5')).toBeUndefined();
    expect(await currentAddressOf('/users/5/edit')).toBeUndefined();
  });

  it('leaves every other address alone', async () => {
    const { ann } = await seed();
    for (const path of [
      '/users/abc',
      '/users/new',
      '/users',
      '/users/',
      `/users/${ann}`,
      `/users/${ann}/edit`,
      '/users/03',
      '/users/3/history',
      '/users/3/',
      '/',
    ]) {
      expect(await currentAddressOf(path), path).toBeUndefined();
    }
  });
});
