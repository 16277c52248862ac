import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../src/db/db';
import { DEXIE_VERSION_FACTOR, LOOKING_OPEN_GLOBAL, lookingOpenSettled, startLookingOpen } from '../../../src/db/raw';

/** Whether a database of that name exists, without creating one. */
async function exists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((each) => each.name === name);
}

describe('an open of the database as it is, started by the page and settled by the start', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[LOOKING_OPEN_GLOBAL];
    vi.resetModules();
  });

  it('gives the connection whether it is settled while under way or after it has finished', async () => {
    db.close();
    const pending = await lookingOpenSettled(startLookingOpen(db.name));
    expect(pending?.version).toBe(db.verno * DEXIE_VERSION_FACTOR);
    pending?.close();

    const finished = startLookingOpen(db.name);
    await new Promise((resolve) => finished.request.addEventListener('success', resolve));
    const later = await lookingOpenSettled(finished);
    expect(later?.version).toBe(db.verno * DEXIE_VERSION_FACTOR);
    later?.close();
  });

  it('gives nothing and creates nothing when there is no database, settled while under way or after', async () => {
    expect(await lookingOpenSettled(startLookingOpen('tend-none'))).toBeUndefined();

    const finished = startLookingOpen('tend-none');
    await new Promise((resolve) => finished.request.addEventListener('error', resolve));
    expect(await lookingOpenSettled(finished)).toBeUndefined();
    expect(await exists('tend-none')).toBe(false);
  });

  it('is the open the start looks at the version with, once: the start opens nothing itself', async () => {
    db.close();
    const open = vi.spyOn(IDBFactory.prototype, 'open');
    (globalThis as Record<string, unknown>)[LOOKING_OPEN_GLOBAL] = startLookingOpen(db.name);
    expect(open).toHaveBeenCalledTimes(1);
    const { versionOnDisk } = await import('../../../src/db/early-look');
    expect(await versionOnDisk).toBe(db.verno);
    expect(open).toHaveBeenCalledTimes(1);
    // Taken: a later start (a module evaluated again) opens its own.
    expect(LOOKING_OPEN_GLOBAL in globalThis).toBe(false);
    open.mockRestore();
  });
});
