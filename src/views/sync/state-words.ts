import type { SyncStatus } from '../../lib/sync/status.svelte';

// Sync's state in words, for the Sync page and the Database page's one line about it.

/** Where sync stands, in a sentence a person reads; an error is the problem's own words. */
export function stateWords(status: SyncStatus): string {
  switch (status.phase) {
    case 'off':
      return 'Off — Tend’s data is on this device only';
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected — changes go both ways as they happen';
    case 'offline':
      return 'Offline — changes wait on this device and go when the connection is back';
    case 'error':
      return status.problem?.message ?? 'Stopped by a problem with the sync server';
    case 'elsewhere':
      return 'Another Tend tab on this device is syncing';
  }
}

/** The household as people call it: its database's name without `household-`. */
export function householdName(database: string): string {
  return database.replace(/^household-/, '');
}
