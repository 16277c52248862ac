import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { User } from './models';

export interface SchemaVersion {
  version: number;
  /** One line, shown in the database history. */
  description: string;
  /** Only the tables this version adds or changes; `null` drops a table. */
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * The whole schema history, oldest first. Append-only: a version that has shipped is never
 * edited, because databases made by it exist on people's devices. A change is a new entry
 * whose upgrade rewrites the rows that need it.
 */
export const schemaVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    description: 'Users, with usernames and emails unique ignoring case',
    stores: { users: '++id, &usernameKey, &emailKey' },
  },
];

export class TendDB extends Dexie {
  users!: EntityTable<User, 'id'>;

  constructor(name = 'tend') {
    super(name);
    for (const { version, stores, upgrade } of schemaVersions) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}
