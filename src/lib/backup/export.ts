import { db } from '../../db/db';
import { APP_NAME, type BackupFile } from './format';
import { localDay } from '../dates';

/**
 * Every row of the five data tables, read in one read-only transaction so the file is a
 * consistent moment even while another tab writes. Rows are as stored, derived keys included
 * (import recomputes them rather than trusting them). The device's migration history is left
 * out: it describes this device, not the household.
 */
export async function exportEverything(): Promise<BackupFile> {
  const tables = await db.transaction('r', [db.users, db.categories, db.todos, db.posts, db.movies], async () => {
    const [users, categories, todos, posts, movies] = await Promise.all([
      db.users.toArray(),
      db.categories.toArray(),
      db.todos.toArray(),
      db.posts.toArray(),
      db.movies.toArray(),
    ]);
    return { users, categories, todos, posts, movies };
  });
  return { app: APP_NAME, kind: 'backup', schemaVersion: db.verno, exportedAt: new Date().toISOString(), tables };
}

/** The file to download. Compact JSON: a backup near the size cap should not double in size. */
export function backupBlob(file: BackupFile): Blob {
  return new Blob([JSON.stringify(file)], { type: 'application/json' });
}

/** `tend-backup-2025-03-14.json`, dated by the person's own calendar, not UTC's. */
export function backupFileName(date: Date = new Date()): string {
  return `tend-backup-${localDay(date)}.json`;
}

