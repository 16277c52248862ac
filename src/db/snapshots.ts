import Dexie, { type EntityTable } from 'dexie';
import type { StoredRow } from './schema';

/** Every table as it was just before an upgrade: the browser's `flask db downgrade`. */
export interface Snapshot {
  id: number;
  takenAt: number;
  /** The schema version the rows were stored by. */
  fromVersion: number;
  /** The version the upgrade was going to. */
  toVersion: number;
  counts: Record<string, number>;
  tables: Record<string, StoredRow[]>;
}

/**
 * Snapshots live in a database of their own, so an upgrade that fails (and rolls the main
 * database back) cannot take the snapshot with it.
 */
export class SnapshotDB extends Dexie {
  snapshots!: EntityTable<Snapshot, 'id'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ snapshots: '++id' });
  }
}

const byName = new Map<string, SnapshotDB>();

/** The snapshot database that belongs to a main database. */
export function snapshotsOf(databaseName: string): SnapshotDB {
  let snapshots = byName.get(databaseName);
  if (!snapshots) {
    snapshots = new SnapshotDB(`${databaseName}-snapshots`);
    byName.set(databaseName, snapshots);
  }
  return snapshots;
}
