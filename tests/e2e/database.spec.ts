import { expect, test } from '@playwright/test';
import { Tend } from './support/tend';
import { CURRENT_VERSION } from './support/versions';

test.describe('The Database page', () => {
  test('shows the current version, the history, a passing check and rows per table', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Database' }).click();
    await expect(tend.heading()).toHaveText('Database');

    await expect(page.getByText(`Current version: ${CURRENT_VERSION}`)).toBeVisible();
    // A header, then every version from the first: a new database is created at the latest.
    const history = page.getByRole('region', { name: 'History' }).getByRole('row');
    await expect(history).toHaveCount(CURRENT_VERSION + 1);
    await expect(history.nth(1)).toContainText('Users, with usernames and emails unique ignoring case');
    await expect(history.nth(4)).toContainText('Names and titles sorted and searched ignoring case and accents');
    await expect(history.nth(CURRENT_VERSION).getByRole('rowheader')).toHaveText(String(CURRENT_VERSION));
    await expect(history.nth(CURRENT_VERSION)).toContainText('(created)');
    await expect(history.nth(8)).toContainText('How many to-dos are left and done, kept in one row that every write of to-dos updates');

    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.getByText('The database matches what Tend declares.')).toBeVisible();

    const rows = page.getByRole('region', { name: 'Rows per table' });
    await expect(rows.getByRole('row', { name: /^Users/ })).toContainText('2');
    await expect(rows.getByRole('row', { name: /^To-dos/ })).toContainText('4');
    await expect(rows.getByRole('row', { name: /^Movies/ })).toContainText('2');
    // The to-do counts are kept for the screen, not data: no row of their own here.
    await expect(rows).not.toContainText(/counts/i);

    await expect(page.getByText('No update has changed this device’s data yet')).toBeVisible();
  });
});
