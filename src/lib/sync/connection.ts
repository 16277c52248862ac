// STUB, to be replaced by the sync engine's own module: only the signatures the Sync screen is
// built against. Nothing here talks to a server; connecting is refused in words.
import { syncStatus } from './status.svelte';

/** A refusal to show next to one field of the connect form, or above its button (no field). */
export class SyncFormError extends Error {
  constructor(
    message: string,
    readonly field: 'server' | 'name' | 'password' | undefined,
  ) {
    super(message);
    this.name = 'SyncFormError';
  }
}

/** Signs in, finds the person's household and starts sync. */
export async function connect(input: { server: string; name: string; password: string }): Promise<void> {
  void input;
  throw new SyncFormError('This version of Tend cannot sync yet.', undefined);
}

/** Stops sync and ends the session; with keepData false, also empties this device's data tables. */
export async function signOut(options: { keepData: boolean }): Promise<void> {
  void options;
  syncStatus.phase = 'off';
  syncStatus.settings = undefined;
}

/** Tries to reach the server again at once. */
export function syncNow(): void {}
