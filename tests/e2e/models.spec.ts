import { expect, test, type Page } from '@playwright/test';
import { Tend } from './support/tend';

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save' }).click();
}

/** Expects the form to refuse with `message` under `field`, staying on the form. */
async function expectRefusal(tend: Tend, field: string, message: string) {
  await expect(tend.field(field)).toHaveAccessibleDescription(new RegExp(`^${message}`));
  await expect(tend.page).toHaveURL(/\/new$|\/edit$/);
}

test.describe('Categories', () => {
  test('create, refuse a duplicate in another case or a long name, edit, delete', async ({ page }) => {
    const tend = new Tend(page);
    await tend.open('categories');
    await expect(page.getByText('No categories yet')).toBeVisible();
    await page.getByRole('link', { name: 'New category' }).click();
    await tend.field('Name').fill('Garden');
    await save(page);
    await expect(tend.heading()).toHaveText('Garden');

    await tend.open('categories/new');
    await tend.field('Name').fill('GARDEN');
    await save(page);
    await expectRefusal(tend, 'Name', 'That category name is already taken');
    await tend.field('Name').fill('x'.repeat(51));
    await save(page);
    await expectRefusal(tend, 'Name', 'Name must be at most 50 characters');

    await tend.open('categories');
    await expect(page.getByRole('rowheader')).toHaveText(['Garden']);
    await page.getByRole('link', { name: 'Garden' }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await tend.field('Name').fill('Garden & yard');
    await save(page);
    await expect(tend.heading()).toHaveText('Garden & yard');
    await page.getByRole('link', { name: 'Delete' }).click();
    await expect(page.getByText('This removes the category from this device.')).toBeVisible();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('No categories yet')).toBeVisible();
  });
});

test.describe('Posts', () => {
  test('a post needs a title, a body and a category; the publication date defaults to now', async ({ page }) => {
    const tend = new Tend(page);
    await tend.createUser('Ann');
    await tend.open('posts/new');
    await expect(tend.field('Publication date')).toHaveValue(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

    await tend.field('Title').fill('x'.repeat(81));
    await save(page);
    await expectRefusal(tend, 'Title', 'Title must be at most 80 characters');
    await expectRefusal(tend, 'Body', 'Body is required');
    await expectRefusal(tend, 'Category', 'Choose a category');

    await tend.field('Title').fill('Tomatoes');
    await tend.field('Body').fill('Water them every evening.');
    // The category is created on the spot, from the post's form.
    await page.getByRole('button', { name: 'New category…' }).click();
    await tend.field('New category').fill('Garden');
    await tend.field('New category').press('Enter');
    await expect(tend.field('Category').locator('option:checked')).toHaveText('Garden');
    await tend.field('Author').selectOption({ label: 'Ann' });
    await save(page);

    await expect(tend.heading()).toHaveText('Tomatoes');
    await expect(page.getByRole('link', { name: 'Garden' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ann' })).toBeVisible();
    await expect(page.getByText('Water them every evening.')).toBeVisible();

    await page.getByRole('link', { name: 'Edit' }).click();
    await expect(tend.field('Title')).toHaveValue('Tomatoes');
    await tend.field('Title').fill('Tomatoes, watered');
    await save(page);
    await expect(tend.heading()).toHaveText('Tomatoes, watered');

    await tend.open('posts');
    await expect(page.getByRole('row', { name: /Tomatoes, watered/ })).toContainText('Garden');
    await expect(page.getByRole('row', { name: /Tomatoes, watered/ })).toContainText('Ann');

    await page.getByRole('link', { name: 'Tomatoes, watered' }).click();
    await page.getByRole('link', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('No posts yet')).toBeVisible();
    // The category stays: deleting a post never deletes what it points at.
    await tend.open('categories');
    await expect(page.getByRole('rowheader')).toHaveText(['Garden']);
  });
});

test.describe('Movies', () => {
  test('create with year, watched and rating; refuse an impossible year; filter watched and to watch', async ({ page }) => {
    const tend = new Tend(page);
    await tend.open('movies/new');
    await tend.field('Title').fill('Ghostbusters');
    await tend.field('Year').fill('1877');
    await save(page);
    await expectRefusal(tend, 'Year', 'Year must be from 1878 to 2100');
    await tend.field('Year').fill('1984');
    await tend.field('Watched').check();
    await tend.field('Rating').selectOption('5');
    await save(page);
    await expect(tend.heading()).toHaveText('Ghostbusters');
    await expect(page.getByText('1984')).toBeVisible();

    await tend.open('movies/new');
    await tend.field('Title').fill('Arrival');
    await tend.field('Year').fill('2016');
    await save(page);
    await expect(tend.heading()).toHaveText('Arrival');

    await tend.open('movies');
    await expect(page.getByRole('rowheader')).toHaveText(['Arrival', 'Ghostbusters']);
    await page.getByRole('button', { name: 'To watch' }).click();
    await expect(page.getByRole('rowheader')).toHaveText(['Arrival']);
    await page.reload();
    await expect(page.getByRole('rowheader')).toHaveText(['Arrival']);
    await page.getByRole('button', { name: 'Watched', exact: true }).click();
    await expect(page.getByRole('rowheader')).toHaveText(['Ghostbusters']);
    await expect(page.getByRole('row', { name: /Ghostbusters/ })).toContainText('★★★★★');

    await page.getByRole('link', { name: 'Ghostbusters' }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect(tend.field('Watched')).toBeChecked();
    await expect(tend.field('Rating')).toHaveValue('5');
    await tend.field('Title').fill('Ghostbusters II');
    await tend.field('Year').fill('1989');
    await tend.field('Rating').selectOption('');
    await save(page);
    await expect(tend.heading()).toHaveText('Ghostbusters II');
    await expect(page.getByText('1989')).toBeVisible();
    await page.getByRole('link', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('button', { name: 'Watched', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('No movies match.')).toBeVisible();
  });

  test('mark a movie watched from the list, and back', async ({ page }) => {
    const tend = new Tend(page);
    await tend.open('movies/new');
    await tend.field('Title').fill('Ghostbusters');
    await save(page);
    await expect(tend.heading()).toHaveText('Ghostbusters');

    await tend.open('movies');
    const watched = page.getByRole('checkbox', { name: 'Watched: Ghostbusters' });
    await expect(watched).not.toBeChecked();
    await watched.check();
    await page.getByRole('button', { name: 'Watched', exact: true }).click();
    await expect(page.getByRole('rowheader')).toHaveText(['Ghostbusters']);
    await page.reload();
    await expect(watched).toBeChecked();

    // A click, not uncheck(): the row leaves the Watched list as soon as it is saved, and
    // uncheck() would look for the box again to confirm it is unticked.
    await watched.click();
    await expect(page.getByText('No movies match.')).toBeVisible();
    await page.getByRole('button', { name: 'To watch' }).click();
    await expect(page.getByRole('checkbox', { name: 'Watched: Ghostbusters' })).not.toBeChecked();
  });
});

/** Adds movies straight into the browser's database, to have more than a page of them. */
async function seedMovies(page: Page, count: number) {
  await page.evaluate(async (count) => {
    const open = indexedDB.open('tend');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction('movies', 'readwrite');
    for (let i = 1; i <= count; i += 1) {
      const title = `Movie ${String(i).padStart(3, '0')}`;
      // Ids as Tend makes them (UUIDv7), here from the number: each is a row's own.
      const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      tx.objectStore('movies').add({ id, title, titleKey: title.toLowerCase(), year: 1900 + i, yearKey: 1900 + i, watched: 0, createdAt: i });
    }
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, count);
}

test.describe('Lists', () => {
  test('page through a long list, sort by a column, and search ignoring case', async ({ page }) => {
    const tend = new Tend(page);
    await tend.open('movies');
    await expect(page.getByText('No movies yet')).toBeVisible();
    await seedMovies(page, 120);
    await page.reload();

    const titles = page.getByRole('rowheader');
    await expect(titles).toHaveCount(50);
    await expect(titles.first()).toHaveText('Movie 001');
    await expect(page.getByText('120 movies')).toBeVisible();
    const pager = page.getByRole('navigation', { name: 'movies pages' });
    await expect(pager.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await pager.getByRole('button', { name: 'Next' }).click();
    await expect(titles.first()).toHaveText('Movie 051');
    // The last page is read back from the end, so it is a full page ending with the last row.
    await pager.getByRole('button', { name: 'Last' }).click();
    await expect(titles.last()).toHaveText('Movie 120');
    await expect(titles.first()).toHaveText('Movie 071');
    await expect(pager.getByRole('button', { name: 'Next' })).toBeDisabled();
    await pager.getByRole('button', { name: 'Previous' }).click();
    await expect(titles.first()).toHaveText('Movie 021');
    await expect(titles.last()).toHaveText('Movie 070');
    await pager.getByRole('button', { name: 'First' }).click();
    await expect(titles.first()).toHaveText('Movie 001');

    // Year sorts newest first; choosing it again reverses.
    await page.getByRole('columnheader', { name: 'Year' }).getByRole('button').click();
    await expect(page.getByRole('columnheader', { name: 'Year' })).toHaveAttribute('aria-sort', 'descending');
    await expect(titles.first()).toHaveText('Movie 120');
    await page.getByRole('columnheader', { name: 'Year' }).getByRole('button').click();
    await expect(page.getByRole('columnheader', { name: 'Year' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(titles.first()).toHaveText('Movie 001');

    await page.getByRole('searchbox', { name: 'Search movies' }).fill('MOVIE 11');
    await expect(titles).toHaveText(Array.from({ length: 10 }, (_, i) => `Movie 11${i}`));
    await expect(page.getByText('10 movies')).toBeVisible();
  });
});
