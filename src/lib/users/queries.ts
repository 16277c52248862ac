import { db } from '../../db/db';
import type { User } from '../../db/models';

/** Every user, alphabetical ignoring case (served by the usernameKey index). */
export function listUsers(): Promise<User[]> {
  return db.users.orderBy('usernameKey').toArray();
}

export function getUser(id: number): Promise<User | undefined> {
  return db.users.get(id);
}
