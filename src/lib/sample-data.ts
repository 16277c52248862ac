// The Flask-SQLAlchemy seed apps' own examples (admin and guest, the Python category, "Hello
// Python!" and "Snakes"), so a new Tend can be tried out before anything is typed. Rows are
// built by the same row functions as every other write (src/lib/stored-rows.ts), derived keys
// included: the lists read through those keys, so a row missing one would be invisible.
import { dataTables, db } from '../db/db';
import { localDay } from './dates';
import { storedCategory, storedMovie, storedPost, storedTodo, storedUser } from './stored-rows';

const DAY = 24 * 60 * 60 * 1000;

export { isTendEmpty } from './first-run';

function user(username: string, email: string, createdAt: number) {
  return storedUser({ username, email, createdAt });
}

function category(name: string, createdAt: number) {
  return storedCategory({ name, createdAt });
}

function post(title: string, body: string, pubDate: number, categoryId: string, authorId: string) {
  return storedPost({ title, body, pubDate, categoryId, authorId });
}

interface TodoSeed {
  title: string;
  createdAt: number;
  completedAt?: number;
  dueDate?: string;
  userId?: string;
  categoryId?: string;
}

function todo(seed: TodoSeed) {
  return storedTodo({ ...seed, done: seed.completedAt !== undefined, updatedAt: seed.completedAt ?? seed.createdAt });
}

function movie(title: string, year: number, createdAt: number, rating?: number) {
  return storedMovie({ title, year, watched: rating !== undefined, rating, createdAt });
}

/**
 * Writes the sample rows into an empty Tend, all or nothing: one transaction over every table,
 * so a failure part-way (quota, another tab) leaves Tend as empty as it was. Refuses, writing
 * nothing, if any table has rows, checked inside that transaction so another tab cannot add
 * data between the check and the write.
 */
export async function loadSampleData(): Promise<void> {
  await db.transaction('rw', dataTables(), async () => {
    const counts = await Promise.all(dataTables().map((table) => table.count()));
    if (counts.some((count) => count > 0)) throw new Error('Tend already has data');

    // Everything is dated in the recent past so the sample reads as real history.
    const now = Date.now();
    const start = now - 3 * DAY;
    const admin = await db.users.add(user('admin', 'admin@example.com', start));
    const guest = await db.users.add(user('guest', 'guest@example.com', start));
    const python = await db.categories.add(category('Python', start));
    // A day apart, so "Hello Python!" is the older post, as in the seed app.
    await db.posts.add(post('Hello Python!', 'Python is pretty cool', now - 2 * DAY, python, admin));
    await db.posts.add(post('Snakes', 'Ssssssss', now - DAY, python, guest));
    await db.todos.bulkAdd([
      todo({ title: 'Learn Flask', createdAt: start, completedAt: now - DAY, userId: admin, categoryId: python }),
      todo({ title: 'Write the migration', createdAt: start, dueDate: localDay(new Date(now + 3 * DAY)), userId: admin, categoryId: python }),
      todo({ title: 'Buy milk', createdAt: now - DAY, userId: guest }),
      todo({ title: 'Water the plants', createdAt: now - DAY }),
    ]);
    await db.movies.bulkAdd([movie('Ghostbusters', 1984, start, 5), movie('Spirited Away', 2001, now - DAY)]);
  });
}
