import { expect, type Page } from '@playwright/test';
import { idOnScreen, NO_SUCH_IDS, rowAddress } from './addresses';
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

const MODELS = ['todos', 'users', 'categories', 'posts', 'movies'] as const;
type Model = (typeof MODELS)[number];

/** Ids of the long rows, for the screens that show one row. */
export type LongRows = Record<Model, string>;

/** Saves the form and reads the new row's id from the address of the page it opens. */
async function saveAndId(page: Page, model: Model): Promise<string> {
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(rowAddress(model));
  return idOnScreen(page);
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
  const users = await saveAndId(page, 'users');

  await tend.open('categories/new');
  await tend.field('Name').fill(LONG.category);
  const categories = await saveAndId(page, 'categories');

  await tend.open('todos/new');
  await tend.field('Title').fill(LONG.todo);
  await tend.field('Due date').fill('2030-01-31');
  await tend.field('Owner').selectOption({ label: LONG.username });
  await tend.field('Category').selectOption({ label: LONG.category });
  await tend.field('Notes').fill(`See ${LONG.url} before starting.`);
  const todos = await saveAndId(page, 'todos');

  await tend.open('posts/new');
  await tend.field('Title').fill(LONG.post);
  await tend.field('Body').fill(`${'A long post about the garden. '.repeat(60)}\n\nSource: ${LONG.url}`);
  await tend.field('Category').selectOption({ label: LONG.category });
  await tend.field('Author').selectOption({ label: LONG.username });
  const posts = await saveAndId(page, 'posts');

  await tend.open('movies/new');
  await tend.field('Title').fill(LONG.movie);
  await tend.field('Year').fill('1984');
  await tend.field('Notes').fill(LONG.url);
  const movies = await saveAndId(page, 'movies');

  return { users, categories, todos, posts, movies };
}

/**
 * Every screen of Tend: each model's five, at the rows' real (UUID) addresses, the database
 * page, the Sync page, and every kind of not found: no such page, and no such row by UUID and
 * by old number.
 */
export function everyRoute(ids: LongRows): string[] {
  return [
    ...MODELS.flatMap((model) => [model, `${model}/new`]),
    ...rowRoutes(ids),
    'database',
    // Sync while it is off: the state a fresh device shows (the others need a sync server).
    'sync',
    'no-such-page',
    ...NO_SUCH_IDS.map((id) => `users/${id}`),
  ];
}

/** Waits until a screen has drawn its content, not just its loading line. */
export async function screenReady(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
}

/** The screens that show one of the long rows: its detail, edit and delete screens, per model. */
export function rowRoutes(ids: LongRows): string[] {
  return MODELS.flatMap((model) => [`${model}/${ids[model]}`, `${model}/${ids[model]}/edit`, `${model}/${ids[model]}/delete`]);
}
