import { expect, test } from '@playwright/test';
import { Tend } from './support/tend';

test.describe('When the browser gives Tend no storage', () => {
  const refusals = {
    'IndexedDB is missing': () => {
      Object.defineProperty(window, 'indexedDB', { get: () => undefined });
    },
    'opening the database is refused': () => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    },
  };

  for (const [what, refuse] of Object.entries(refusals)) {
    test(`the page says so in plain words (${what})`, async ({ page }) => {
      await page.addInitScript(refuse);
      const tend = new Tend(page);
      await tend.open('users');
      await expect(tend.heading()).toHaveText('Tend can’t store data in this browser');
      await expect(page.getByText('private or incognito windows')).toBeVisible();
    });
  }
});
