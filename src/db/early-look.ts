// The built index.html runs this module's chunk from a script tag of its own, ahead of the
// app's (startScript in vite.config.ts); main.ts imports it first as well, which is what
// places it in the dev server, and the browser runs it once either way.
import { DATABASE_NAME, installedVersion } from './raw';

/**
 * The version of Tend's database on disk, looked at the moment the app's code starts to run.
 * A page's first IndexedDB open takes about 25 ms (the browser opens the origin's storage):
 * started here, it happens while the rest of the code is evaluated (about as long) instead of
 * after it, and Dexie's own open that follows is quick.
 */
export const versionOnDisk: Promise<number> = installedVersion(DATABASE_NAME);
// openDatabase deals with a failure; until it asks, the failure is not an unhandled one.
versionOnDisk.catch(() => {});
