import { db } from '../db/db';

/**
 * Opens the database before the app is shown. It fails where the browser gives no
 * IndexedDB (some private modes, storage switched off); the app then says so in words.
 */
export async function openDatabase(): Promise<void> {
  await db.open();
}
