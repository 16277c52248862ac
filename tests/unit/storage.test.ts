import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/db';
import { dataLayer } from '../../src/lib/data';
import { askForPersistenceOnFirstSave, BACKUP_NUDGE_DAYS, backupIsDue, formatBytes } from '../../src/lib/storage';
import { setDone } from '../../src/lib/todos/mutations';
import { requestRecorder } from './support';
import { addTodoWith } from './todos/factories';

const day = 24 * 60 * 60 * 1000;

describe('backup nudges', () => {
  it('nudges when there has never been a backup', () => {
    expect(backupIsDue(Date.now(), undefined)).toBe(true);
  });

  it(`nudges after ${BACKUP_NUDGE_DAYS} days, not before`, () => {
    const now = 1_000 * day;
    expect(backupIsDue(now, now - (BACKUP_NUDGE_DAYS - 1) * day)).toBe(false);
    expect(backupIsDue(now, now - (BACKUP_NUDGE_DAYS + 1) * day)).toBe(true);
  });
});

describe('sizes in words', () => {
  it('reads like a person would say them', () => {
    expect(formatBytes(undefined)).toBe('unknown');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(formatBytes(2_000_000_000)).toBe('2.0 GB');
  });
});

describe('asking for persistent storage on the first save', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** Arms the ask with the browser's persist() stubbed; returns its calls and how to stop. */
  async function armed() {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persist } });
    const stop = askForPersistenceOnFirstSave();
    await dataLayer;
    return { persist, stop };
  }

  it('asks once, after the first save of a row, and not before', async () => {
    const { persist, stop } = await armed();
    try {
      // Making the database is not a save (Dexie then signals every table as changed).
      await db.delete();
      await db.open();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(persist).not.toHaveBeenCalled();
      await addTodoWith({ title: 'Sweep' });
      await vi.waitFor(() => expect(persist).toHaveBeenCalledTimes(1));
      await addTodoWith({ title: 'Mop' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(persist).toHaveBeenCalledTimes(1);
    } finally {
      stop();
    }
  });

  it('costs a toggle no read while it waits: the row it replaces is not read twice', async () => {
    const id = await addTodoWith({ title: 'Sweep' });
    const { middleware: recorder, requests } = requestRecorder();
    db.close();
    db.use(recorder);
    await db.open();
    const { stop } = await armed();
    try {
      requests.length = 0;
      await setDone(id, true);
      // Its row and the counts row, each read once, both written.
      expect(requests.sort()).toEqual(['counts.get', 'counts.put', 'todos.get', 'todos.put']);
    } finally {
      stop();
      db.close();
      db.unuse({ stack: 'dbcore', name: 'recorder' });
      await db.open();
    }
  });
});
