import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { TendDB } from '../../../src/db/schema';
import { createUser, deleteUser, updateUser } from '../../../src/lib/users/mutations';
import { allUsers, getUser } from '../../../src/lib/users/queries';
import { MissingRowError } from '../../../src/lib/errors';
import { fixedId, refusal } from '../support';


describe('creating users', () => {
  it('stores the trimmed fields with case-folded keys and returns the new id', async () => {
    const id = await createUser({ username: '  Ann ', email: ' Ann@Example.com ' });
    const user = await getUser(id);
    expect(user).toMatchObject({ id, username: 'Ann', usernameKey: 'ann', email: 'Ann@Example.com', emailKey: 'ann@example.com' });
    expect(user?.createdAt).toBeTypeOf('number');
  });

  it('leaves email and its key out when none is given, so many users can have no email', async () => {
    const first = await createUser({ username: 'Ann', email: '' });
    await createUser({ username: 'Bob', email: '' });
    const user = await getUser(first);
    expect(user).not.toHaveProperty('email');
    expect(user).not.toHaveProperty('emailKey');
    expect(await db.users.count()).toBe(2);
  });

  it('refuses a username taken in another case, and writes nothing', async () => {
    await createUser({ username: 'Ann', email: '' });
    expect(await refusal(createUser({ username: 'aNN', email: '' }))).toEqual({ username: 'That username is already taken' });
    expect(await db.users.count()).toBe(1);
  });

  it('refuses an email taken in another case', async () => {
    await createUser({ username: 'Ann', email: 'ann@example.com' });
    expect(await refusal(createUser({ username: 'Bob', email: 'ANN@example.COM' }))).toEqual({ email: 'That email is already taken' });
    expect(await db.users.count()).toBe(1);
  });

  it('refuses bad input without writing', async () => {
    expect(await refusal(createUser({ username: '', email: 'x' }))).toHaveProperty('username');
    expect(await db.users.count()).toBe(0);
  });
});

describe('uniqueness is enforced by the database itself', () => {
  it('rejects a second row with the same folded username from another connection', async () => {
    await createUser({ username: 'Ann', email: '' });
    // A second connection stands in for another tab that skips the app's own check.
    const otherTab = new TendDB();
    await expect(otherTab.users.add({ id: fixedId(2), username: 'ann', usernameKey: 'ann', createdAt: 0 } as never)).rejects.toBeInstanceOf(
      Dexie.ConstraintError,
    );
    otherTab.close();
    expect(await db.users.count()).toBe(1);
  });

  it('rejects a second row with the same folded email', async () => {
    await createUser({ username: 'Ann', email: 'a@x.org' });
    await expect(
      db.users.add({ id: fixedId(3), username: 'Bob', usernameKey: 'bob', email: 'A@X.org', emailKey: 'a@x.org', createdAt: 0 } as never),
    ).rejects.toBeInstanceOf(Dexie.ConstraintError);
  });

  it('lets only one of two simultaneous saves of the same name win', async () => {
    const results = await Promise.allSettled([
      createUser({ username: 'Ann', email: '' }),
      createUser({ username: 'ANN', email: '' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await db.users.count()).toBe(1);
  });
});

describe('editing users', () => {
  it('changes the fields and keeps id and createdAt', async () => {
    const id = await createUser({ username: 'Ann', email: 'ann@example.com' });
    const before = await getUser(id);
    await updateUser(id, { username: 'Annie', email: 'annie@example.com' });
    expect(await getUser(id)).toEqual({
      id,
      createdAt: before?.createdAt,
      username: 'Annie',
      usernameKey: 'annie',
      usernameSortKey: 'annie',
      email: 'annie@example.com',
      emailKey: 'annie@example.com',
    });
  });

  it('lets a user change only the case of their own name', async () => {
    const id = await createUser({ username: 'ann', email: '' });
    await updateUser(id, { username: 'Ann', email: '' });
    expect((await getUser(id))?.username).toBe('Ann');
  });

  it('frees an email that is removed, for someone else to use', async () => {
    const ann = await createUser({ username: 'Ann', email: 'home@example.com' });
    await updateUser(ann, { username: 'Ann', email: '' });
    expect(await getUser(ann)).not.toHaveProperty('emailKey');
    await createUser({ username: 'Bob', email: 'home@example.com' });
    expect(await db.users.count()).toBe(2);
  });

  it('refuses to take another user’s name and leaves both as they were', async () => {
    await createUser({ username: 'Ann', email: '' });
    const bob = await createUser({ username: 'Bob', email: '' });
    expect(await refusal(updateUser(bob, { username: 'ann', email: '' }))).toEqual({ username: 'That username is already taken' });
    expect((await getUser(bob))?.username).toBe('Bob');
  });

  it('says when the user no longer exists', async () => {
    await expect(updateUser(fixedId(404), { username: 'Ghost', email: '' })).rejects.toBeInstanceOf(MissingRowError);
    expect(await db.users.count()).toBe(0);
  });
});

describe('listing and deleting users', () => {
  it('lists users alphabetically ignoring case and accents', async () => {
    for (const username of ['bob', 'Carol', 'alice', 'Bea', 'Álvaro', 'ALAN', 'Émile', 'Zoe']) {
      await createUser({ username, email: '' });
    }
    expect((await allUsers()).map((user) => user.username)).toEqual(['ALAN', 'alice', 'Álvaro', 'Bea', 'bob', 'Carol', 'Émile', 'Zoe']);
  });

  it('deletes one user and keeps the rest', async () => {
    const ann = await createUser({ username: 'Ann', email: '' });
    await createUser({ username: 'Bob', email: '' });
    await deleteUser(ann);
    expect((await allUsers()).map((user) => user.username)).toEqual(['Bob']);
  });
});
