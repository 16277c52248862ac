import type { SyncSettings } from './settings';

// Where sync stands, for the Sync screen: always said in words (src/views/sync).

export type SyncPhase =
  /** Sync is off: Tend works on this device alone. */
  | 'off'
  /** Signing in, or the first exchange with the server is under way. */
  | 'connecting'
  /** Connected: changes go both ways as they happen. */
  | 'connected'
  /** No network, or the server does not answer: changes wait and go when it is back. */
  | 'offline'
  /** Stopped by a problem only the person can fix (see `problem`). */
  | 'error'
  /** Another tab of Tend on this device is syncing for it. */
  | 'elsewhere';

export type SyncProblemKind =
  /** The name or password was refused. */
  | 'wrong-password'
  /** The session ended (expired, or signed out on the server): the password is needed again. */
  | 'session-ended'
  /** The server could not be reached at all when connecting. */
  | 'unreachable'
  /** The person belongs to no household, or its database is missing on the server. */
  | 'no-household'
  /**
   * Something in front of the server (its proxy) refused a request, such as a push over its body
   * limit: sync stops until whoever runs the server changes it.
   */
  | 'not-couchdb'
  /** Anything else the server said. */
  | 'server';

export interface SyncProblem {
  kind: SyncProblemKind;
  /** A sentence a person can act on. */
  message: string;
}

/** A change the server refused (its validation document said no), with the server's reason. */
export interface RefusedChange {
  id: string;
  table: string;
  reason: string;
}

export class SyncStatus {
  phase: SyncPhase = $state('off');
  /** The server, person and household while sync is on. */
  settings: SyncSettings | undefined = $state(undefined);
  /** When this device last finished exchanging changes with the server. */
  lastSyncedAt: number | undefined = $state(undefined);
  /** Changes made on this device that the server does not have yet. */
  waiting = $state(0);
  problem: SyncProblem | undefined = $state(undefined);
  refused: RefusedChange[] = $state([]);
  /** Rows written by a newer Tend than this one: kept, but not shown until Tend is updated. */
  newerRows = $state(0);
}

export const syncStatus = new SyncStatus();
