import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Category, Movie, Post, Todo, User } from './models';

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
 *
 * Lists page through compound indexes ending in the primary key (`[titleKey+id]`), so every
 * key is unique and a page can start exactly after the last row of the one before (keyset
 * paging). A leading field such as `done` or `categoryId` selects a filtered slice in order.
 */
export const schemaVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    description: 'Users, with usernames and emails unique ignoring case',
    stores: { users: '++id, &usernameKey, &emailKey' },
  },
  {
    version: 2,
    description: 'To-dos, categories, posts and movies, indexed for ordered, filtered and searched lists',
    stores: {
      users: '++id, &usernameKey, &emailKey, [usernameKey+id], [emailKey+id]',
      todos:
        '++id, [dueKey+id], [titleKey+id], [done+dueKey+id], [done+titleKey+id], [userId+dueKey+id], [categoryId+dueKey+id]',
      categories: '++id, &nameKey, [nameKey+id]',
      posts: '++id, [pubDate+id], [titleKey+id], [categoryId+pubDate+id], [categoryId+titleKey+id], [authorId+pubDate+id]',
      movies: '++id, [titleKey+id], [yearKey+id], [watched+titleKey+id], [watched+yearKey+id]',
    },
  },
];

export class TendDB extends Dexie {
  users!: EntityTable<User, 'id'>;
  todos!: EntityTable<Todo, 'id'>;
  categories!: EntityTable<Category, 'id'>;
  posts!: EntityTable<Post, 'id'>;
  movies!: EntityTable<Movie, 'id'>;

  /** `upTo` declares only the versions up to that number: tests use it to make old databases. */
  constructor(name = 'tend', { upTo = Infinity }: { upTo?: number } = {}) {
    super(name);
    for (const { version, stores, upgrade } of schemaVersions) {
      if (version > upTo) break;
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}
