import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storedTodo, storedUser } from '../../../src/lib/stored-rows';
import type { Household, SyncServer } from '../../../scripts/sync-server.mjs';
import { device, eventually, household, rows, startServer, type Device } from './devices';


let server: SyncServer;
let home: Household;
let running: Device[] = [];
let households = 0;

beforeAll(async () => {
  server = await startServer();
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

afterEach(async () => {
  for (const one of running) await one.stop().catch(() => undefined);
  running = [];
});

async function twoDevices(): Promise<[Device, Device]> {
  households += 1;
  // People's names are unique on a server: each household has its own Ann and Ben.
  const ann = { name: `ann-${households}`, password: 'ann-secret' };
  const ben = { name: `ben-${households}`, password: 'ben-secret' };
  home = await household(server, `home-${households}`, [ann, ben]);
  const a = await device(server.url, home, ann);
  const b = await device(server.url, home, ben);
  running.push(a, b);
  return [a, b];
}

const todo = (title: string) => storedTodo({ title, done: 0, createdAt: 1, updatedAt: 1 });

describe('sync between two devices', { timeout: 30_000 }, () => {
  it('brings a to-do made on one device to the other, then its edit, then its delete', async () => {
    const [a, b] = await twoDevices();
    await a.start();
    await b.start();
    const milk = todo('Buy milk');
    await a.db.todos.add(milk);
    await eventually(async () => expect((await b.db.todos.get(milk.id))?.title).toBe('Buy milk'));
    await b.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy oat milk' }));
    await eventually(async () => expect((await a.db.todos.get(milk.id))?.title).toBe('Buy oat milk'));
    await a.db.todos.delete(milk.id);
    await eventually(async () => expect(await b.db.todos.get(milk.id)).toBeUndefined());
    expect(await a.db.outbox.count()).toBe(0);
  });

  it('keeps a user and a to-do linked to them', async () => {
    const [a, b] = await twoDevices();
    await a.start();
    await b.start();
    const user = storedUser({ username: 'Ann', createdAt: 1 });
    const linked = storedTodo({ title: 'Call', done: 0, createdAt: 1, updatedAt: 1, userId: user.id });
    await a.db.transaction('rw', [a.db.users, a.db.todos], async () => {
      await a.db.users.add(user);
      await a.db.todos.add(linked);
    });
    await eventually(async () => expect((await b.db.todos.get(linked.id))?.userId).toBe(user.id));
    expect(await rows(b.db, 'users')).toEqual([user]);
  });

  it('exchanges changes made on both devices while apart, field by field', async () => {
    const [a, b] = await twoDevices();
    await a.start();
    await b.start();
    const milk = todo('Buy milk');
    await a.db.todos.add(milk);
    await eventually(async () => expect(await b.db.todos.get(milk.id)).toBeDefined());
    await eventually(() => expect(a.status.phase).toBe('connected'));
    await a.stop();
    await b.stop();
    await a.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy oat milk' }));
    await b.db.todos.update(milk.id, storedTodo({ ...milk, notes: 'Two litres' }));
    await a.start();
    await b.start();
    for (const one of [a, b]) {
      await eventually(async () => expect(await one.db.todos.get(milk.id)).toMatchObject({ title: 'Buy oat milk', notes: 'Two litres' }));
    }
    expect(await a.db.syncNotes.toArray()).toEqual([]);
  });

  it('settles the same field changed on both devices on one value everywhere, and keeps both for a person', async () => {
    const [a, b] = await twoDevices();
    await a.start();
    await b.start();
    const milk = todo('Buy milk');
    await a.db.todos.add(milk);
    await eventually(async () => expect(await b.db.todos.get(milk.id)).toBeDefined());
    await a.stop();
    await b.stop();
    await a.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy oat milk' }));
    await b.db.todos.update(milk.id, storedTodo({ ...milk, title: 'Buy soy milk' }));
    await a.start();
    await b.start();
    await eventually(async () => {
      const [onA, onB] = [await a.db.todos.get(milk.id), await b.db.todos.get(milk.id)];
      expect(onA?.title).toBe(onB?.title);
      const note = await a.db.syncNotes.get(milk.id);
      expect(note?.fields?.title?.map((v) => v.value).sort()).toEqual(['Buy oat milk', 'Buy soy milk']);
      expect(await b.db.syncNotes.get(milk.id)).toEqual(note);
    });
  });
});
