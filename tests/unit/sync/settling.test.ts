import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storedTodo } from '../../../src/lib/stored-rows';
import type { SyncServer } from '../../../scripts/sync-server.mjs';
import { device, eventually, household, startServer, type Device } from './devices';

// Sync tells one true story: what waits to be sent is what the server lacks, and nothing is
// left waiting for a change the server already has.

let server: SyncServer;
let running: Device[] = [];
let households = 0;

beforeAll(async () => {
  server = await startServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

afterEach(async () => {
  for (const one of running) await one.stop().catch(() => undefined);
  running = [];
});

/** `count` devices of one new household, each its own person, not yet syncing. */
async function devicesOf(count: number): Promise<Device[]> {
  households += 1;
  const people = Array.from({ length: count }, (_, n) => ({ name: `p${n}-${households}`, password: `secret-${n}` }));
  const home = await household(server, `settle-${households}`, people);
  const made = await Promise.all(people.map((person) => device(server.url, home, person)));
  running.push(...made);
  return made;
}

const todo = (title: string) => storedTodo({ title, done: 0, createdAt: 1, updatedAt: 1 });

/** Waits until nothing is waiting to be sent on these devices, by the outbox and by the page's count. */
async function nothingWaiting(...on: Device[]) {
  for (const one of on) {
    await eventually(async () => {
      expect(await one.db.outbox.toArray(), one.name).toEqual([]);
      expect(one.status.waiting, one.name).toBe(0);
    });
  }
}

describe('changes waiting to be sent', { timeout: 30_000 }, () => {
  it('clears the same row deleted on two devices, whose deletes are one revision the server has', async () => {
    const [a, b] = (await devicesOf(2)) as [Device, Device];
    await a.start();
    await b.start();
    const milk = todo('Buy milk');
    await a.db.todos.add(milk);
    await eventually(async () => expect(await b.db.todos.get(milk.id)).toBeDefined());
    await nothingWaiting(a, b);
    await a.stop();
    await b.stop();
    await a.db.todos.delete(milk.id);
    await b.db.todos.delete(milk.id);
    await a.start();
    await nothingWaiting(a);
    await b.start();
    await nothingWaiting(b);
  });

  it('clears a change the server stored while a restart (Try again) cancelled the push carrying it', async () => {
    const [a] = (await devicesOf(1)) as [Device];
    await a.start();
    await eventually(() => expect(a.status.phase).toBe('connected'));
    let restarted = false;
    a.onAnswer = ({ method, path }) => {
      // The server has stored the change; the engine has not heard so yet.
      if (method === 'POST' && path.endsWith('/_bulk_docs') && !restarted) {
        restarted = true;
        a.engine.syncNow();
      }
    };
    await a.db.todos.add(todo('Buy milk'));
    await eventually(() => expect(restarted).toBe(true));
    await nothingWaiting(a);
  });

  it('still counts a change until the server has it, across a restart of the app', async () => {
    const [a] = (await devicesOf(1)) as [Device];
    await a.start();
    await eventually(() => expect(a.status.phase).toBe('connected'));
    a.unreachable = true;
    await a.db.todos.add(todo('Buy milk'));
    await eventually(async () => expect((await a.db.outbox.toArray())[0]?.sentRev).toBeDefined());
    await a.stop();
    await a.start();
    await eventually(() => expect(a.status.waiting).toBe(1));
    a.unreachable = false;
    a.engine.syncNow();
    await nothingWaiting(a);
  });
});
