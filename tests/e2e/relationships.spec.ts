import { expect, test } from '@playwright/test';
import { ID } from './support/addresses';
import { Tend } from './support/tend';

function related(tend: Tend, title: string) {
  return tend.page.getByRole('region', { name: title });
}

test.describe('Relationships', () => {
  test('a category lists its posts newest first and its to-dos; a post links its category and author', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.open('categories');
    await page.getByRole('link', { name: 'Python' }).click();
    await expect(tend.heading()).toHaveText('Python');
    await expect(related(tend, 'Posts').getByRole('rowheader')).toHaveText(['Snakes', 'Hello Python!']);
    await expect(related(tend, 'To-dos').getByRole('rowheader')).toHaveText(['Write the migration', 'Learn Flask']);

    await related(tend, 'Posts').getByRole('link', { name: 'Hello Python!' }).click();
    await expect(tend.heading()).toHaveText('Hello Python!');
    await expect(page.getByText('Python is pretty cool')).toBeVisible();
    await page.getByRole('link', { name: 'admin' }).click();
    await expect(tend.heading()).toHaveText('admin');
    await expect(related(tend, 'Posts').getByRole('rowheader')).toHaveText(['Hello Python!']);
    await expect(related(tend, 'To-dos').getByRole('rowheader')).toHaveText(['Write the migration', 'Learn Flask']);
  });

  test('posts are searched by title within a category', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    // Another category with a post starting the same way, which the search must leave out.
    await tend.open('posts/new');
    await tend.field('Title').fill('Snails');
    await tend.field('Body').fill('Slow');
    await page.getByRole('button', { name: 'New category…' }).click();
    await tend.field('New category').fill('Garden');
    await page.getByRole('button', { name: 'Add' }).click();
    await expect(tend.field('Category')).toHaveValue(new RegExp(`^${ID}$`));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(tend.heading()).toHaveText('Snails');

    await tend.open('categories');
    await page.getByRole('link', { name: 'Python' }).click();
    const posts = related(tend, 'Posts');
    await posts.getByRole('searchbox', { name: 'Search titles' }).fill('sn');
    await expect(posts.getByRole('rowheader')).toHaveText(['Snakes']);
    await posts.getByRole('searchbox', { name: 'Search titles' }).fill('HELLO');
    await expect(posts.getByRole('rowheader')).toHaveText(['Hello Python!']);
    await posts.getByRole('searchbox', { name: 'Search titles' }).fill('zzz');
    await expect(posts.getByText('No posts match.')).toBeVisible();
  });

  test('deleting a category with posts: move them to another category', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.open('categories/new');
    await tend.field('Name').fill('Programming');
    await page.getByRole('button', { name: 'Save' }).click();

    await tend.open('categories');
    await page.getByRole('link', { name: 'Python' }).click();
    await page.getByRole('link', { name: 'Delete' }).click();
    await expect(page.getByText('2 posts and 2 to-dos belong to this category.')).toBeVisible();
    // Posts cannot be left without a category, so that is not offered.
    await expect(page.getByRole('radio', { name: 'Keep the to-dos without a category' })).toHaveCount(0);
    await page.getByRole('radio', { name: 'Move them to another category' }).check();
    await expect(page.getByLabel('Move to')).toHaveValue(new RegExp(`^${ID}$`));
    await page.getByRole('button', { name: 'Delete' }).click();

    await expect(tend.heading()).toHaveText('Categories');
    await expect(page.getByRole('rowheader')).toHaveText(['Programming']);
    await page.getByRole('link', { name: 'Programming' }).click();
    await expect(related(tend, 'Posts').getByRole('rowheader')).toHaveText(['Snakes', 'Hello Python!']);
    await expect(related(tend, 'To-dos').getByRole('rowheader')).toHaveCount(2);
  });

  test('deleting a category with posts: delete them too', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.open('categories');
    await page.getByRole('link', { name: 'Python' }).click();
    await page.getByRole('link', { name: 'Delete' }).click();
    // With no other category, moving is not offered either.
    await expect(page.getByRole('radio')).toHaveCount(1);
    await page.getByRole('radio', { name: 'Delete them too' }).check();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('No categories yet')).toBeVisible();
    await tend.open('posts');
    await expect(page.getByText('No posts yet')).toBeVisible();
    await tend.open();
    await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem')).toHaveText([/Buy milk/, /Water the plants/]);
  });

  test('deleting a user: unassign their to-dos and posts, or delete them too', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.open('users');
    await page.getByRole('link', { name: 'admin' }).click();
    await page.getByRole('link', { name: 'Delete' }).click();
    await expect(page.getByText('2 to-dos and 1 post belong to this user.')).toBeVisible();
    await page.getByRole('radio', { name: 'Keep them, with no owner or author' }).check();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('rowheader')).toHaveText(['guest']);
    await tend.open('posts');
    await expect(page.getByRole('rowheader')).toHaveText(['Snakes', 'Hello Python!']);
    await page.getByRole('link', { name: 'Hello Python!' }).click();
    await expect(page.getByRole('link', { name: 'admin' })).toHaveCount(0);

    await tend.open('users');
    await page.getByRole('link', { name: 'guest' }).click();
    await page.getByRole('link', { name: 'Delete' }).click();
    await page.getByRole('radio', { name: 'Delete them too' }).check();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText('No users yet')).toBeVisible();
    await tend.open('posts');
    await expect(page.getByRole('rowheader')).toHaveText(['Hello Python!']);
    await tend.open();
    await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem')).toHaveCount(3);
  });
});
