import type { Page } from '@playwright/test';

/**
 * A household as Tend version 4 stored it, when rows were numbered (`++id`) and addresses read
 * `users/3`. The numbers have gaps, as a device's do after deletes (user 2 was deleted before
 * the update), so an old address can only find its row through its number, not its place.
 */
export const VERSION_4_ROWS = {
  users: [
    { id: 1, username: 'Ann', usernameKey: 'ann', usernameSortKey: 'ann', email: 'ann@example.com', emailKey: 'ann@example.com', createdAt: 1_700_000_000_000 },
    { id: 3, username: 'Bea', usernameKey: 'bea', usernameSortKey: 'bea', createdAt: 1_700_000_100_000 },
    { id: 4, username: 'Cy', usernameKey: 'cy', usernameSortKey: 'cy', createdAt: 1_700_000_200_000 },
  ],
  categories: [
    { id: 1, name: 'Garden', nameKey: 'garden', nameSortKey: 'garden', createdAt: 1_700_000_000_000 },
    { id: 2, name: 'House', nameKey: 'house', nameSortKey: 'house', createdAt: 1_700_000_100_000 },
  ],
  todos: [
    { id: 1, title: 'Dig the beds', titleKey: 'dig the beds', done: 0, dueKey: '9999-12-31', userId: 1, categoryId: 1, createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000 },
    { id: 2, title: 'Fix the gate', titleKey: 'fix the gate', done: 0, dueDate: '2030-05-17', dueKey: '2030-05-17', userId: 3, categoryId: 2, notes: 'Hinge is loose', createdAt: 1_700_000_100_000, updatedAt: 1_700_000_100_000 },
    { id: 5, title: 'Buy milk', titleKey: 'buy milk', done: 1, dueKey: '9999-12-31', createdAt: 1_700_000_200_000, updatedAt: 1_700_000_300_000, completedAt: 1_700_000_300_000 },
  ],
  posts: [
    { id: 7, title: 'Hello garden', titleKey: 'hello garden', body: 'The first post.', pubDate: 1_700_000_000_000, categoryId: 1, authorId: 1 },
    { id: 12, title: 'Gate hinges', titleKey: 'gate hinges', body: 'Which ones last.', pubDate: 1_700_000_500_000, categoryId: 2, authorId: 3 },
  ],
  movies: [
    { id: 1, title: 'Ghostbusters', titleKey: 'ghostbusters', year: 1984, yearKey: 1984, watched: 1, rating: 5, createdAt: 1_700_000_000_000 },
    { id: 2, title: 'Spirited Away', titleKey: 'spirited away', year: 2001, yearKey: 2001, watched: 0, createdAt: 1_700_000_100_000 },
  ],
};

/**
 * Puts a database made by Tend version 4 in the browser, before Tend ever opens it, written with
 * plain IndexedDB as Dexie would have: IndexedDB version 40 (Dexie's version times ten), the
 * stores and indexes of schema versions 1 to 4, the rows above, and the history version 4 kept.
 * `root` is where the app lives; a file of the site that is not the app gives the page its
 * origin (the database belongs to the origin) without running Tend.
 */
export async function makeVersion4Database(page: Page, root = '/'): Promise<void> {
  await page.goto(`${root}schema-version.json`);
  await page.evaluate(async (rows) => {
    const stores: Record<string, { indexes: string[]; unique?: string[] }> = {
      users: { indexes: ['[usernameSortKey+id]', '[emailKey+id]'], unique: ['usernameKey', 'emailKey'] },
      todos: {
        indexes: ['[dueKey+id]', '[titleKey+id]', '[done+dueKey+id]', '[done+titleKey+id]', '[userId+dueKey+id]', '[categoryId+dueKey+id]'],
      },
      categories: { indexes: ['[nameSortKey+id]'], unique: ['nameKey'] },
      posts: { indexes: ['[pubDate+id]', '[titleKey+id]', '[categoryId+pubDate+id]', '[categoryId+titleKey+id]', '[authorId+pubDate+id]'] },
      movies: { indexes: ['[titleKey+id]', '[yearKey+id]', '[watched+titleKey+id]', '[watched+yearKey+id]'] },
    };
    const history = [
      'Users, with usernames and emails unique ignoring case',
      'To-dos, categories, posts and movies, indexed for ordered, filtered and searched lists',
      'Migration history: which schema versions this device applied, and when',
      'Names and titles sorted and searched ignoring case and accents',
    ].map((description, index) => ({ version: index + 1, description, appliedAt: 1_699_999_000_000, how: 'created' }));

    const request = indexedDB.open('tend', 40);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const [name, { indexes, unique = [] }] of Object.entries(stores)) {
        const store = db.createObjectStore(name, { keyPath: 'id', autoIncrement: true });
        for (const field of unique) store.createIndex(field, field, { unique: true });
        // Dexie's compound index "[a+b]" is named so, on the key path [a, b].
        for (const index of indexes) store.createIndex(index, index.slice(1, -1).split('+'));
      }
      db.createObjectStore('migrations', { keyPath: 'version' });
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('Could not make the version 4 database'));
    });
    const tx = db.transaction([...Object.keys(stores), 'migrations'], 'readwrite');
    for (const [name, tableRows] of Object.entries(rows)) {
      for (const row of tableRows) tx.objectStore(name).add(row);
    }
    for (const step of history) tx.objectStore('migrations').add(step);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('Could not fill the version 4 database'));
    });
    db.close();
  }, VERSION_4_ROWS);
}
