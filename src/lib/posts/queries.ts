import { db } from '../../db/db';
import type { Category, Post, User } from '../../db/models';
import type { Choice } from '../crud';
import type { RelatedReader } from '../kept-rows';
import { byId, pagesOf } from '../listing';
import { allUsers } from '../users/queries';

/** A post with the category and author it points at, for lists and the detail page. */
export type PostRow = Post & { category?: Category; author?: User };

/**
 * Loads the categories and authors of a whole page with one read each, however many posts
 * share them, rather than one read per post.
 */
export async function expandPosts(posts: Post[], read: RelatedReader = byId): Promise<PostRow[]> {
  const [categories, authors] = await Promise.all([
    read(db.categories, posts.map((post) => post.categoryId)),
    read(db.users, posts.map((post) => post.authorId)),
  ]);
  return posts.map((post) => ({
    ...post,
    category: categories.get(post.categoryId),
    author: post.authorId === undefined ? undefined : authors.get(post.authorId),
  }));
}

export const postPages = pagesOf(() => db.posts, expandPosts);

export async function getPost(id: string): Promise<PostRow | undefined> {
  const post = await db.posts.get(id);
  return post && (await expandPosts([post]))[0];
}

/** Users as the post form's author options, alphabetical ignoring case and accents. */
export async function userChoices(): Promise<Choice[]> {
  return (await allUsers()).map((user) => ({ value: String(user.id), label: user.username }));
}
