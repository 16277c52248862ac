import { expect, test } from '@playwright/test';
import { rowAddress } from './support/addresses';
import { Tend } from './support/tend';
import { makeVersion4Database } from './support/version-4';

test.describe('Data from before rows had UUIDs', () => {
  test('a version 4 database opens with every row and link, its history, and its old addresses', async ({ page }) => {
    const tend = new Tend(page);
    const main = page.getByRole('main');
    await makeVersion4Database(page);

    // The first thing opened after the update is a bookmark from before it: the data is
    // updated, then the same user's page opens, at her new address.
    await tend.open('users/3');
    await expect(tend.heading()).toHaveText('Bea');
    await expect(page).toHaveURL(rowAddress('users'));
    const bea = page.url();

    // Every row is there. Undated to-dos tie on their due date and keep the order their
    // numbers gave them: the new ids were made in that order.
    await tend.open('users');
    await expect(tend.listedUsernames()).toHaveText(['Ann', 'Bea', 'Cy']);
    await tend.open('categories');
    await expect(main.getByRole('rowheader')).toHaveText(['Garden', 'House']);
    await tend.open('posts');
    await expect(main.getByRole('rowheader')).toHaveText(['Gate hinges', 'Hello garden']);
    await tend.open('movies');
    await expect(main.getByRole('rowheader')).toHaveText(['Ghostbusters', 'Spirited Away']);
    await tend.open('todos');
    const todos = main.getByRole('list', { name: 'To-dos' }).getByRole('listitem');
    await expect(todos).toHaveCount(3);
    await expect(todos.nth(0)).toContainText('Fix the gate');
    await expect(todos.nth(1)).toContainText('Dig the beds');
    await expect(todos.nth(2)).toContainText('Buy milk');
    // The counts row the upgrade to 8 made: two left, one done.
    await expect(main.getByRole('status').filter({ hasText: 'items left' })).toHaveText('2 items left');
    await expect(main.getByRole('button', { name: 'Clear completed' })).toBeVisible();

    // Links follow the rows: a to-do's owner and category, a post's category and author.
    await main.getByRole('link', { name: 'Details of “Dig the beds”' }).click();
    await expect(tend.heading()).toHaveText('Dig the beds');
    await expect(main.getByRole('link', { name: 'Ann' })).toHaveAttribute('href', rowAddress('users'));
    await main.getByRole('link', { name: 'Garden' }).click();
    await expect(tend.heading()).toHaveText('Garden');
    await expect(page.getByRole('region', { name: 'Posts' }).getByRole('rowheader')).toHaveText(['Hello garden']);
    await expect(page.getByRole('region', { name: 'To-dos' }).getByRole('rowheader')).toHaveText(['Dig the beds']);

    // Old addresses of other rows, and of their edit screens, open them at their new ones.
    await tend.open('todos/2');
    await expect(tend.heading()).toHaveText('Fix the gate');
    await expect(page).toHaveURL(rowAddress('todos'));
    await expect(main.getByText('Hinge is loose')).toBeVisible();
    await main.getByRole('link', { name: 'Bea' }).click();
    await expect(page).toHaveURL(bea);
    await tend.open('posts/12/edit');
    await expect(tend.heading()).toHaveText('Edit Gate hinges');
    await expect(page).toHaveURL(rowAddress('posts', '/edit'));
    await expect(tend.field('Category').locator('option:checked')).toHaveText('House');
    await expect(tend.field('Author').locator('option:checked')).toHaveText('Bea');
    await main.getByRole('link', { name: 'Gate hinges' }).click();
    await expect(main.getByRole('link', { name: 'House' })).toHaveAttribute('href', rowAddress('categories'));
    await main.getByRole('link', { name: 'Bea' }).click();
    await expect(page).toHaveURL(bea);

    // The history tells what happened on this device: version 4 as it was, then the updates.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Database' }).click();
    const history = page.getByRole('region', { name: 'History' });
    const versions: [number, string, string][] = [
      [4, 'Names and titles sorted and searched ignoring case and accents', '(created)'],
      [5, 'Ids that never collide: every row gets a time-ordered UUID, its links follow, old numbers kept for old addresses', '(upgraded)'],
      [6, 'Tables keyed by the new ids take back their own names, with every index', '(upgraded)'],
      [7, 'What this device keeps for sync', '(upgraded)'],
      [8, 'How many to-dos are left and done, kept in one row that every write of to-dos updates', '(upgraded)'],
    ];
    for (const [version, description, how] of versions) {
      const row = history.getByRole('row', { name: new RegExp(`^${version} `) });
      await expect(row).toContainText(description);
      await expect(row).toContainText(how);
    }
    await expect(page.getByText('before updating from version 4 to 8')).toContainText('2 categories, 2 movies, 2 posts, 3 to-dos, 3 users');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.getByText('The database matches what Tend declares.')).toBeVisible();

    // A row deleted since the update: its old address says "not found", as does a number no row had.
    await tend.open('users');
    await tend.listedUsernames().getByRole('link', { name: 'Cy' }).click();
    await main.getByRole('link', { name: 'Delete' }).click();
    await main.getByRole('button', { name: 'Delete' }).click();
    await expect(tend.listedUsernames()).toHaveText(['Ann', 'Bea']);
    for (const path of ['users/4', 'users/2']) {
      await tend.open(path);
      await expect(tend.heading()).toHaveText('Not found');
      await expect(page).toHaveURL(new RegExp(`/${path}$`));
      await expect(page.getByText('There is no such user. It may have been deleted.')).toBeVisible();
    }
  });
});
