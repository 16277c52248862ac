import { db } from '../../db/db';
import type { Category } from '../../db/models';
import type { Choice } from '../crud';
import { pagesOf, rowsPointingAt } from '../listing';

export const categoryPages = pagesOf(() => db.categories);

export function getCategory(id: string): Promise<Category | undefined> {
  return db.categories.get(id);
}

/** Every category, alphabetical ignoring case and accents, for a <select>. */
export function allCategories(): Promise<Category[]> {
  return db.categories.orderBy('[nameSortKey+id]').toArray();
}

/**
 * Categories as form options. `excludeId` leaves out the one being deleted, which cannot be
 * where its own posts move to.
 */
export async function categoryChoices(excludeId?: string): Promise<Choice[]> {
  return (await allCategories())
    .filter((category) => category.id !== excludeId)
    .map((category) => ({ value: String(category.id), label: category.name }));
}

export const postsInCategory = (categoryId: string) => rowsPointingAt(db.posts, '[categoryId+pubDate+id]', categoryId);
export const todosInCategory = (categoryId: string) => rowsPointingAt(db.todos, '[categoryId+dueKey+id]', categoryId);

/** How many posts and to-dos are filed under this category. */
export async function categoryDependents(categoryId: string) {
  const [posts, todos] = await Promise.all([postsInCategory(categoryId).count(), todosInCategory(categoryId).count()]);
  return { posts, todos };
}
