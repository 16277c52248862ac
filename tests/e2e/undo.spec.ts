import { expect, test } from '@playwright/test';
import { Tend } from './support/tend';

/** Adds a category through its form. */
async function createCategory(tend: Tend, name: string) {
  await tend.open('categories/new');
  await tend.field('Name').fill(name);
  await tend.page.getByRole('button', { name: 'Save' }).click();
  await expect(tend.heading()).toHaveText(name);
}

/** Opens a category's delete page from the Categories list, as a person would. */
async function openDelete(tend: Tend, name: string) {
  await tend.open('categories');
  await tend.page.getByRole('link', { name, exact: true }).click();
  await tend.page.getByRole('link', { name: 'Delete' }).click();
}

test.describe('Undo after a change made since', () => {
  test('keeps an edit made in another tab to a post the deletion moved', async ({ page, context }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await createCategory(tend, 'Misc');
    await openDelete(tend, 'Python');
    await page.getByRole('radio', { name: 'Move them to another category' }).check();
    await expect(page.getByLabel('Move to')).toHaveText('Misc');
    await page.getByRole('button', { name: 'Delete' }).click();
    const deleted = page.getByRole('status').filter({ hasText: 'Deleted category “Python”' });
    await expect(deleted).toBeVisible();

    // The other tab, on the same device: the post is now under Misc, and gets a new title.
    const other = new Tend(await context.newPage());
    await other.open('posts');
    await other.page.getByRole('link', { name: 'Snakes' }).click();
    // On the post's own page (the list links Misc once per post).
    await expect(other.heading()).toHaveText('Snakes');
    await expect(other.page.getByRole('link', { name: 'Misc' })).toBeVisible();
    await other.page.getByRole('link', { name: 'Edit' }).click();
    await other.field('Title').fill('Snakes, edited later');
    await other.page.getByRole('button', { name: 'Save' }).click();
    await expect(other.heading()).toHaveText('Snakes, edited later');

    await page.bringToFront();
    await deleted.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Restored category “Python”' })).toBeVisible();
    await tend.open('categories');
    await page.getByRole('link', { name: 'Python', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Posts' }).getByRole('rowheader')).toHaveText(['Snakes, edited later', 'Hello Python!']);
    // And the other tab sees the same.
    await other.page.reload();
    await expect(other.heading()).toHaveText('Snakes, edited later');
    await expect(other.page.getByRole('link', { name: 'Python' })).toBeVisible();
  });
});

test.describe('The delete page’s choice', () => {
  test('preselects moving the posts, not deleting them', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await createCategory(tend, 'Misc');
    await openDelete(tend, 'Python');
    const move = page.getByRole('radio', { name: 'Move them to another category' });
    await expect(move).toBeVisible();
    await expect(move).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Delete them too' })).not.toBeChecked();
    await expect(page.getByLabel('Move to')).toHaveText('Misc');
  });

  test('with nowhere to move the posts, nothing is preselected and Delete waits for a choice', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await openDelete(tend, 'Python');
    const cascade = page.getByRole('radio', { name: 'Delete them too' });
    await expect(cascade).toBeVisible();
    await expect(cascade).not.toBeChecked();
    await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();
    await cascade.check();
    await expect(page.getByRole('button', { name: 'Delete' })).toBeEnabled();
  });

  test('a Move picked the moment it appears moves every post, every time', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    let holder = 'Python';
    for (const target of ['Misc', 'Garden', 'Kitchen']) {
      await createCategory(tend, target);
      await openDelete(tend, holder);
      await page.getByRole('radio', { name: 'Move them to another category' }).check();
      await page.getByRole('button', { name: 'Delete' }).click();
      await expect(tend.heading()).toHaveText('Categories');
      await page.getByRole('link', { name: target, exact: true }).click();
      await expect(page.getByRole('region', { name: 'Posts' }).getByRole('rowheader')).toHaveText(['Snakes', 'Hello Python!']);
      holder = target;
    }
  });
});
