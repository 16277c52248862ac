import { describe, expect, it } from 'vitest';
import { storedCategory, storedPost, storedTodo, storedUser } from '../../../src/lib/stored-rows';
import { eventually, nothingWaiting, serverForThisFile, type Device } from './devices';

// Sync tells one true story: what waits to be sent is what the server lacks, and nothing is
// left waiting for a change the server already has.

const { devicesOf } = serverForThisFile();

const todo = (title: string) => storedTodo({ title, done: 0, createdAt: 1, updatedAt: 1 });

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

/** Waits until every device has the row `id` in `table`. */
async function allHave(on: Device[], table: string, id: string) {
  for (const one of on) await eventually(async () => expect(await one.db.table(table).get(id), one.name).toBeDefined());
}

describe('a link to a row deleted on another device', { timeout: 30_000 }, () => {
  it('brings back a category deleted on one device while a post was filed under it on another, on every device', async () => {
    const devices = await devicesOf(3);
    const [a, b] = devices as [Device, Device, Device];
    for (const one of devices) await one.start();
    const garden = storedCategory({ name: 'Garden', createdAt: 1 });
    await a.db.categories.add(garden);
    await allHave(devices, 'categories', garden.id);
    await nothingWaiting(...devices);
    await a.stop();
    await b.stop();
    // Ann deletes Garden (nothing is filed under it on her phone); Ben files a post under it.
    await a.db.categories.delete(garden.id);
    const roses = storedPost({ title: 'Roses', body: 'Pruned', pubDate: 1, categoryId: garden.id });
    await b.db.posts.add(roses);
    await a.start();
    await nothingWaiting(a);
    await b.start();
    await allHave(devices, 'posts', roses.id);
    for (const one of devices) {
      await eventually(async () => {
        expect((await one.db.categories.get(garden.id))?.name, one.name).toBe('Garden');
        expect((await one.db.posts.get(roses.id))?.categoryId).toBe(garden.id);
        expect((await one.db.syncNotes.get(garden.id))?.keptForLinks, one.name).toBe(true);
      });
    }
    await nothingWaiting(...devices);
    // The device that deleted it says so from its own side.
    expect((await a.db.syncNotes.get(garden.id))?.deletedHere).toBe(true);
    expect((await b.db.syncNotes.get(garden.id))?.deletedHere).toBeUndefined();
  });

  it('brings back a person deleted on one device while a to-do was given to them on another, whichever syncs first', async () => {
    const [a, b] = (await devicesOf(2)) as [Device, Device];
    await a.start();
    await b.start();
    const sam = storedUser({ username: 'Sam', createdAt: 1 });
    const call = todo('Call the plumber');
    await a.db.users.add(sam);
    await a.db.todos.add(call);
    await allHave([b], 'todos', call.id);
    await allHave([b], 'users', sam.id);
    await nothingWaiting(a, b);
    await a.stop();
    await b.stop();
    await a.db.users.delete(sam.id);
    await b.db.todos.update(call.id, { userId: sam.id });
    // This time the to-do reaches the server first.
    await b.start();
    await nothingWaiting(b);
    await a.start();
    for (const one of [a, b]) {
      await eventually(async () => {
        expect((await one.db.users.get(sam.id))?.username, one.name).toBe('Sam');
        expect((await one.db.todos.get(call.id))?.userId, one.name).toBe(sam.id);
      });
    }
    await nothingWaiting(a, b);
  });
});

/** Two devices, each of which added a person of the same name while apart, both synced and marked. */
async function sameNameOnTwo(name: string, otherSpelling: string) {
  const [a, b] = (await devicesOf(2)) as [Device, Device];
  const first = storedUser({ username: name, createdAt: 1 });
  const second = storedUser({ username: otherSpelling, createdAt: 2 });
  await a.db.users.add(first);
  await b.db.users.add(second);
  await a.start();
  await b.start();
  for (const one of [a, b]) {
    await eventually(async () => {
      expect((await one.db.syncNotes.get(first.id))?.sameNameAs, one.name).toBe(second.id);
      expect((await one.db.syncNotes.get(second.id))?.sameNameAs, one.name).toBe(first.id);
    });
  }
  // The row with the lower id keeps the name's key; the other is filed under a key of its own.
  const [kept, moved] = first.id < second.id ? [first, second] : [second, first];
  return { a, b, kept, moved };
}

/** No device marks a same-name clash any more. */
async function noSameNameMarks(...on: Device[]) {
  for (const one of on) {
    await eventually(async () => expect((await one.db.syncNotes.toArray()).filter((note) => note.sameNameAs), one.name).toEqual([]));
  }
}

describe('a clash of names, once settled', { timeout: 30_000 }, () => {
  it('renaming the kept one of two people named "Sam" clears the marks on every device and guards the other’s name again', async () => {
    const { a, b, kept, moved } = await sameNameOnTwo('Sam', 'sam');
    await b.db.users.put(storedUser({ ...kept, username: 'Sammy' }));
    await noSameNameMarks(a, b);
    for (const one of [a, b]) {
      await eventually(async () => expect((await one.db.users.get(moved.id))?.usernameKey, one.name).toBe('sam'));
      // A third "SAM" is refused, as any taken name is.
      await expect(one.db.users.add(storedUser({ username: 'SAM', createdAt: 3 })), one.name).rejects.toThrow();
    }
  });

  it('renaming the other one (“Ann” to “annie”) clears the marks on every device', async () => {
    const { a, b, kept, moved } = await sameNameOnTwo('Ann', 'ann');
    await a.db.users.put(storedUser({ ...moved, username: 'annie' }));
    await noSameNameMarks(a, b);
    for (const one of [a, b]) {
      await eventually(async () => {
        expect((await one.db.users.get(moved.id))?.usernameKey, one.name).toBe('annie');
        expect((await one.db.users.get(kept.id))?.usernameKey, one.name).toBe('ann');
      });
    }
  });

  it('merging the two (deleting the kept one) clears the marks on every device and gives the other its name’s key', async () => {
    const { a, b, kept, moved } = await sameNameOnTwo('Ann', 'ANN');
    await a.db.users.delete(kept.id);
    await noSameNameMarks(a, b);
    for (const one of [a, b]) {
      await eventually(async () => expect((await one.db.users.get(moved.id))?.usernameKey, one.name).toBe('ann'));
      await expect(one.db.users.add(storedUser({ username: 'ann', createdAt: 3 })), one.name).rejects.toThrow();
    }
  });
});
