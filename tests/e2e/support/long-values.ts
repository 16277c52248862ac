import { expect, type Page } from '@playwright/test';
import { Tend } from './tend';

/** The longest values the product's rules allow, with nowhere to break a line. */
export const LONG = {
  username: `lonely${'u'.repeat(74)}`,
  email: `${'e'.repeat(60)}@${'d'.repeat(45)}.example.com`,
  category: `category${'c'.repeat(42)}`,
  todo: `todo${'t'.repeat(196)}`,
  post: `post${'p'.repeat(76)}`,
  movie: `movie${'m'.repeat(195)}`,
  url: `https://example.com/${'path/'.repeat(40)}${'q'.repeat(120)}`,
};

/** Ids of the long rows, for the screens that show one row. */
export type LongRows = Record<'users' | 'categories' | 'todos' | 'posts' | 'movies', number>;

async function saveAndId(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/\d+$/);
  return Number(/\/(\d+)$/.exec(page.url())![1]);
}

/**
 * Loads the sample data, then adds one row of each model with the longest values, through the
 * forms as a person would: an 80-character username, a 200-character to-do title, a long post
 * body and a long URL in notes, all without spaces.
 */
export async function addLongRows(tend: Tend): Promise<LongRows> {
  const { page } = tend;
  await tend.loadSampleData();

  await tend.open('users/new');
  await tend.fillUser(LONG.username, LONG.email);
  const users = await saveAndId(page);

  await tend.open('categories/new');
  await tend.field('Name').fill(LONG.category);
  const categories = await saveAndId(page);

  await tend.open('todos/new');
  await tend.field('Title').fill(LONG.todo);
  await tend.field('Due date').fill('2030-01-31');
  await tend.field('Owner').selectOption({ label: LONG.username });
  await tend.field('Category').selectOption({ label: LONG.category });
  await tend.field('Notes').fill(`See ${LONG.url} before starting.`);
  const todos = await saveAndId(page);

  await tend.open('posts/new');
  await tend.field('Title').fill(LONG.post);
  await tend.field('Body').fill(`${'A long post about the garden. '.repeat(60)}\n\nSource: ${LONG.url}`);
  await tend.field('Category').selectOption({ label: LONG.category });
  await tend.field('Author').selectOption({ label: LONG.username });
  const posts = await saveAndId(page);

  await tend.open('movies/new');
  await tend.field('Title').fill(LONG.movie);
  await tend.field('Year').fill('1984');
  await tend.field('Notes').fill(LONG.url);
  const movies = await saveAndId(page);

  return { users, categories, todos, posts, movies };
}

/** Every screen of Tend: each model's five, the database page, and both kinds of not found. */
export function everyRoute(ids: LongRows): string[] {
  const models = ['todos', 'users', 'categories', 'posts', 'movies'] as const;
  return [
    ...models.flatMap((model) => [model, `${model}/new`, `${model}/${ids[model]}`, `${model}/${ids[model]}/edit`, `${model}/${ids[model]}/delete`]),
    'database',
    'no-such-page',
    'users/987654',
  ];
}

/** Waits until a screen has drawn its content, not just its loading line. */
export async function screenReady(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
}
