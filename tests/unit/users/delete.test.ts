import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { createUser, deleteUser } from '../../../src/lib/users/mutations';
import { loadSampleData } from '../../../src/lib/sample-data';
import { everyRow } from '../support';

async function userNamed(username: string) {
  const user = await db.users.where('usernameKey').equals(username).first();
  if (!user) throw new Error(`no user ${username}`);
  return user.id;
}


describe('deleting a user with to-dos and posts', () => {
  it('unassigns them by default, leaving nothing pointing at the user', async () => {
    await loadSampleData();
    const admin = await userNamed('admin');
    await deleteUser(admin);
    expect(await db.users.get(admin)).toBeUndefined();
    expect(await db.todos.filter((todo) => todo.userId === admin).count()).toBe(0);
    expect(await db.posts.filter((post) => post.authorId === admin).count()).toBe(0);
    expect(await db.posts.count()).toBe(2);
    expect((await db.posts.where('[titleKey+id]').between(['hello'], ['hello\uffff']).first())?.authorId).toBeUndefined();
  });

  it('deletes them too when asked, and only theirs', async () => {
    await loadSampleData();
    const guest = await userNamed('guest');
    const todosBefore = await db.todos.count();
    await deleteUser(guest, { kind: 'cascade' });
    expect((await db.posts.toArray()).map((post) => post.title)).toEqual(['Hello Python!']);
    expect(await db.todos.count()).toBe(todosBefore - 1);
    expect(await db.todos.filter((todo) => todo.userId === guest).count()).toBe(0);
  });

  it('after another user was unassigned, still deletes the right rows', async () => {
    await loadSampleData();
    await deleteUser(await userNamed('admin'), { kind: 'unlink' });
    await deleteUser(await userNamed('guest'), { kind: 'cascade' });
    expect((await db.posts.toArray()).map((post) => post.title)).toEqual(['Hello Python!']);
  });

  it('changes nothing when a step fails', async () => {
    await loadSampleData();
    const before = await everyRow();
    const stop = () => {
      throw new Error('disk on fire');
    };
    db.users.hook('deleting', stop);
    try {
      await expect(deleteUser(await userNamed('admin'), { kind: 'cascade' })).rejects.toThrow('disk on fire');
    } finally {
      db.users.hook('deleting').unsubscribe(stop);
    }
    expect(await everyRow()).toEqual(before);
  });

  it('deletes a user with nothing pointing at them', async () => {
    const id = await createUser({ username: 'Solo', email: '' });
    await deleteUser(id, { kind: 'cascade' });
    expect(await db.users.count()).toBe(0);
  });
});
