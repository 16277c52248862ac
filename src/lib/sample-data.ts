// The Flask-SQLAlchemy seed apps' own examples (admin and guest, the Python category, "Hello
// Python!" and "Snakes"), so a new Tend can be tried out before anything is typed. Rows are
// built here from src/db alone, in exactly the form the models' mutations store, derived keys
// included: the lists read through those keys, so a row missing one would be invisible.
import { dataTables, db } from '../db/db';
import { NO_DUE_DATE, type Category, type Movie, type Post, type Todo, type User } from '../db/models';
import { foldCase } from './text';
import { localDay } from './crud';

const DAY = 24 * 60 * 60 * 1000;

export { isTendEmpty } from './first-run';

function user(username: string, email: string, createdAt: number): Omit<User, 'id'> {
  return { username, usernameKey: foldCase(username), email, emailKey: foldCase(email), createdAt };
}

function category(name: string, createdAt: number): Omit<Category, 'id'> {
  return { name, nameKey: foldCase(name), createdAt };
}

function post(title: string, body: string, pubDate: number, categoryId: number, authorId: number): Omit<Post, 'id'> {
  return { title, titleKey: foldCase(title), body, pubDate, categoryId, authorId };
}

interface TodoSeed {
  title: string;
  createdAt: number;
  completedAt?: number;
  dueDate?: string;
  userId?: number;
  categoryId?: number;
}

function todo({ title, createdAt, completedAt, dueDate, userId, categoryId }: TodoSeed): Omit<Todo, 'id'> {
  const row: Omit<Todo, 'id'> = {
    title,
    titleKey: foldCase(title),
    done: completedAt === undefined ? 0 : 1,
    dueKey: dueDate ?? NO_DUE_DATE,
    createdAt,
    updatedAt: completedAt ?? createdAt,
  };
  // Optional fields are absent, not undefined, as the mutations leave them.
  if (completedAt !== undefined) row.completedAt = completedAt;
  if (dueDate !== undefined) row.dueDate = dueDate;
  if (userId !== undefined) row.userId = userId;
  if (categoryId !== undefined) row.categoryId = categoryId;
  return row;
}

function movie(title: string, year: number, createdAt: number, rating?: number): Omit<Movie, 'id'> {
  const row: Omit<Movie, 'id'> = { title, titleKey: foldCase(title), year, yearKey: year, watched: rating ? 1 : 0, createdAt };
  if (rating !== undefined) row.rating = rating;
  return row;
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
