import { db } from '../../db/db';
import type { User } from '../../db/models';
import { pagesOf, rowsPointingAt } from '../listing';

export const userPages = pagesOf(() => db.users);

export function getUser(id: string): Promise<User | undefined> {
  return db.users.get(id);
}

/** Every user, alphabetical ignoring case and accents, for choosing an owner or author. */
export function allUsers(): Promise<User[]> {
  return db.users.orderBy('[usernameSortKey+id]').toArray();
}

export const ownedTodos = (userId: string) => rowsPointingAt(db.todos, '[userId+dueKey+id]', userId);
export const authoredPosts = (userId: string) => rowsPointingAt(db.posts, '[authorId+pubDate+id]', userId);

/** How many to-dos and posts point at this user. */
export async function userDependents(userId: string) {
  const [todos, posts] = await Promise.all([ownedTodos(userId).count(), authoredPosts(userId).count()]);
  return { todos, posts };
}
