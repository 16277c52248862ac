import { describe, expect, it, vi } from 'vitest';
import { storedCategory, storedTodo, storedUser } from '../../../src/lib/stored-rows';
import { dismissNote, keepValue, noteAbout, syncNotes } from '../../../src/lib/sync/notes';
import { eventually, nothingWaiting, serverForThisFile, type Device } from './devices';
import { on } from './screens';

vi.mock('../../../src/db/db', async (original) => (await import('./screens')).withScreensDb(await original()));

// The Sync page's cards, pressed on simulated devices: each clears its own card, on every
// device; OK is never taken for an edit; a value that can no longer be kept says why in words;
// each device words a note from its own side.

const { devicesOf } = serverForThisFile();

const todo = (title: string) => storedTodo({ title, done: 0, createdAt: 1, updatedAt: 1 });

/** A to-do deleted on `a` while `b` changed it: kept, and noted on both, nothing waiting. */
async function keptAfterDelete(a: Device, b: Device) {
  await a.start();
  await b.start();
  const milk = todo('Buy milk');
  await a.db.todos.add(milk);
  await eventually(async () => expect(await b.db.todos.get(milk.id)).toBeDefined());
  await nothingWaiting(a, b);
  await a.stop();
  await b.stop();
  await a.db.todos.delete(milk.id);
  await b.db.todos.update(milk.id, { title: 'Buy oat milk' });
  await a.start();
  await nothingWaiting(a);
  await b.start();
  for (const one of [a, b]) await eventually(async () => expect((await one.db.syncNotes.get(milk.id))?.deletedElsewhere, one.name).toBe(true));
  await nothingWaiting(a, b);
  return milk;
}

describe('a kept delete’s note', { timeout: 30_000 }, () => {
  it('is worded from each device’s side: the one that deleted it says so', async () => {
    const [a, b] = (await devicesOf(2)) as [Device, Device];
    const milk = await keptAfterDelete(a, b);
    expect(await on(a, () => noteAbout(milk.id))).toBe('Deleted on this device while it was changed on another; it is kept.');
    expect(await on(b, () => noteAbout(milk.id))).toBe('Deleted on another device while it was changed; it is kept.');
  });

  it('OK on one device clears the card on every device', async () => {
    const [a, b] = (await devicesOf(2)) as [Device, Device];
    const milk = await keptAfterDelete(a, b);
    await on(b, () => dismissNote(milk.id, 'deletedElsewhere'));
    for (const one of [a, b]) await eventually(async () => expect(await one.db.syncNotes.get(milk.id), one.name).toBeUndefined());
    await nothingWaiting(a, b);
    expect((await a.db.todos.get(milk.id))?.title).toBe('Buy oat milk');
  });

  it('OK pressed while the row is deleted again elsewhere is not taken for an edit: the delete stands', async () => {
    const [a, b] = (await devicesOf(2)) as [Device, Device];
    const milk = await keptAfterDelete(a, b);
    await a.stop();
    await b.stop();
    await a.db.todos.delete(milk.id);
    await on(b, () => dismissNote(milk.id, 'deletedElsewhere'));
    await a.start();
    await nothingWaiting(a);
    await b.start();
    for (const one of [a, b]) {
      await eventually(async () => {
        expect(await one.db.todos.get(milk.id), one.name).toBeUndefined();
        expect(await one.db.syncNotes.get(milk.id), one.name).toBeUndefined();
      });
    }
    await nothingWaiting(a, b);
  });

  it('OK clears that card only: the row’s same-name mark stays', async () => {
    const [a] = (await devicesOf(1)) as [Device];
    const first = storedUser({ username: 'Ann', createdAt: 1 });
    const second = storedUser({ username: 'Bea', createdAt: 2 });
    await a.db.users.bulkAdd([first, second]);
    await a.db.syncNotes.put({ id: first.id, table: 'users', sameNameAs: second.id, deletedElsewhere: true });
    await on(a, () => dismissNote(first.id, 'deletedElsewhere'));
    expect(await a.db.syncNotes.get(first.id)).toEqual({ id: first.id, table: 'users', sameNameAs: second.id });
  });
});

describe('Keep this', { timeout: 30_000 }, () => {
  it('on a category name another category has taken since says why in words, and changes nothing', async () => {
    const [a] = (await devicesOf(1)) as [Device];
    const garden = storedCategory({ name: 'Garden', createdAt: 1 });
    const yard = storedCategory({ name: 'Yard', createdAt: 2 });
    await a.db.categories.bulkAdd([garden, yard]);
    const note = { id: garden.id, table: 'categories', fields: { name: [{ value: 'Garden', by: 'ann' }, { value: 'Yard', by: 'ben' }] } };
    await a.db.syncNotes.put(note);
    await expect(on(a, () => keepValue(garden.id, 'name', 1))).rejects.toThrow('another category is already called “Yard”. Rename that one first, or keep the other value.');
    expect(await a.db.syncNotes.get(garden.id)).toEqual(note);
    expect((await a.db.categories.get(garden.id))?.name).toBe('Garden');
    expect((await on(a, syncNotes)).map((view) => view.id)).toEqual([garden.id]);
  });
});
