// The benchmark's household: `todos` to-dos with users, categories, posts and movies in
// proportion (1 user and 1 movie per 100 to-dos, 1 category per 200, 1 post per 5), made by a
// seeded generator so every run and every page works on the same rows. It makes each row's
// own fields only: the harness turns them into stored rows with Tend's own row functions
// (src/lib/stored-rows.ts), which compute every derived key as the app does.
//
// Self-contained on purpose: no imports and no outer names. The harness imports it, and the
// runner hands seedRows to Playwright's page.evaluate, which sends its source text into the
// app's page (the app's CSP forbids eval and inline scripts, but not that).

/**
 * @param {{ todos: number }} options
 * @returns {Record<string, Record<string, unknown>[]>}
 */
export function benchData({ todos: todoCount }) {
  // mulberry32: small, fast and the same everywhere.
  let seed = 0x7e4d ^ todoCount;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (/** @type {readonly string[]} */ list) => list[Math.floor(random() * list.length)];
  const between = (/** @type {number} */ low, /** @type {number} */ high) => low + Math.floor(random() * (high - low + 1));
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  // Ids shaped as Tend makes them (UUIDv7: milliseconds, then random bits), from the row's
  // creation time and a generator of their own, so the rows' other fields are as before.
  let idSeed = 0x1d5 ^ todoCount;
  const idRandom = () => {
    idSeed = (idSeed + 0x6d2b79f5) | 0;
    let t = Math.imul(idSeed ^ (idSeed >>> 15), 1 | idSeed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  };
  const uuid = (/** @type {number} */ time) => {
    const ms = time.toString(16).padStart(12, '0');
    const bits = idRandom() + idRandom() + idRandom();
    return `${ms.slice(0, 8)}-${ms.slice(8)}-7${bits.slice(0, 3)}-${'89ab'[Number.parseInt(bits[3] ?? '0', 16) % 4]}${bits.slice(4, 7)}-${bits.slice(7, 19)}`;
  };
  const START = Date.UTC(2023, 0, 1);
  const DAY = 86_400_000;

  const userCount = Math.max(1, Math.round(todoCount / 100));
  const categoryCount = Math.max(1, Math.round(todoCount / 200));
  const postCount = Math.max(1, Math.round(todoCount / 5));
  const movieCount = Math.max(1, Math.round(todoCount / 100));

  const users = [];
  for (let id = 1; id <= userCount; id++) {
    const username = `Person ${id}`;
    const email = `person${id}@example.com`;
    users.push({ id: uuid(START + id * 1000), username, email, createdAt: START + id * 1000 });
  }
  const categories = [];
  for (let id = 1; id <= categoryCount; id++) {
    const name = `Category ${id}`;
    categories.push({ id: uuid(START + id * 1000), name, createdAt: START + id * 1000 });
  }

  // Two verbs in sixteen start with "bu", so a search for "bu" finds about 1 to-do in 8.
  const verbs = ['Buy', 'Build', 'Call', 'Clean', 'Fix', 'Water', 'Write', 'Read', 'Plan', 'Pay', 'Book', 'Sort', 'Wash', 'Cook', 'Return', 'Check'];
  const things = ['milk', 'the shed', 'the plants', 'the car', 'a present', 'the bills', 'the garden', 'the kitchen', 'a letter', 'tickets'];
  const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'household', 'weekend', 'neighbour', 'remember', 'before', 'after', 'garden', 'school'];
  const sentence = (/** @type {number} */ count) => Array.from({ length: count }, () => pick(words)).join(' ');

  const todos = [];
  for (let id = 1; id <= todoCount; id++) {
    const title = `${pick(verbs)} ${pick(things)} ${id}`;
    const createdAt = START + between(0, 700) * DAY + between(0, DAY - 1);
    /** @type {Record<string, unknown>} */
    const todo = { id: uuid(createdAt), title, done: 0, createdAt, updatedAt: createdAt };
    if (random() < 0.3) todo.notes = sentence(between(4, 14));
    if (random() < 0.5) {
      const due = new Date(createdAt + between(0, 120) * DAY);
      todo.dueDate = `${due.getUTCFullYear()}-${pad(due.getUTCMonth() + 1)}-${pad(due.getUTCDate())}`;
    }
    if (random() < 0.7) todo.userId = users[between(1, userCount) - 1]?.id;
    if (random() < 0.6) todo.categoryId = categories[between(1, categoryCount) - 1]?.id;
    if (random() < 0.3) {
      todo.done = 1;
      todo.completedAt = createdAt + between(1, 30) * DAY;
      todo.updatedAt = todo.completedAt;
    }
    todos.push(todo);
  }

  const posts = [];
  for (let id = 1; id <= postCount; id++) {
    const title = `${pick(['Notes on', 'About', 'Thoughts on', 'Building', 'Buying'])} ${pick(things)} ${id}`;
    const body = sentence(between(30, 70));
    const pubDate = START + between(0, 700) * DAY + between(0, DAY - 1);
    /** @type {Record<string, unknown>} */
    const post = { id: uuid(pubDate), title, body, pubDate, categoryId: categories[between(1, categoryCount) - 1]?.id };
    if (random() < 0.8) post.authorId = users[between(1, userCount) - 1]?.id;
    posts.push(post);
  }

  const movies = [];
  for (let id = 1; id <= movieCount; id++) {
    const title = `${pick(['The', 'A', 'Return of the', 'Night of the'])} ${pick(words)} ${id}`;
    const year = between(1930, 2025);
    /** @type {Record<string, unknown>} */
    const movie = { id: uuid(START + id * 1000), title, year, watched: 0, createdAt: START + id * 1000 };
    if (random() < 0.4) {
      movie.watched = 1;
      movie.rating = between(1, 5);
    }
    movies.push(movie);
  }

  return { users, categories, todos, posts, movies };
}

/**
 * Writes stored rows (by table) into an existing database `into`, which must already have
 * Tend's stores and indexes, with plain IndexedDB in one transaction; returns the row counts.
 * @param {{ tables: Record<string, Record<string, unknown>[]>, into: string }} options
 * @returns {Promise<Record<string, number>>}
 */
export async function seedRows({ tables, into }) {
  // Plain IndexedDB into the database as it is (never creating or upgrading it).
  /** @type {IDBDatabase} */
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open(into);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`No database ${into}`));
  });
  try {
    const names = Object.keys(tables);
    const tx = db.transaction(names, 'readwrite');
    for (const name of names) {
      const store = tx.objectStore(name);
      store.clear();
      for (const row of tables[name] ?? []) store.put(row);
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve(undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('seeding aborted'));
    });
  } finally {
    db.close();
  }
  return Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
}
