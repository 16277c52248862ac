import { expect, test, type Page } from '@playwright/test';
import { Tend } from './support/tend';

async function cdp(page: Page) {
  return page.context().newCDPSession(page);
}

test.describe('Undo', () => {
  test('brings back a deleted category with every post and to-do deleted with it', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.open('categories');
    await page.getByRole('link', { name: 'Python' }).click();
    await expect(tend.heading()).toHaveText('Python');
    const address = page.url();
    await page.getByRole('link', { name: 'Delete' }).click();
    await page.getByRole('radio', { name: 'Delete them too' }).check();
    await page.getByRole('button', { name: 'Delete' }).click();

    const toast = page.getByRole('status').filter({ hasText: 'Deleted category “Python”' });
    await expect(toast).toBeVisible();
    await expect(page.getByText('No categories yet')).toBeVisible();
    await toast.getByRole('button', { name: 'Undo' }).click();

    await expect(page.getByRole('rowheader')).toHaveText(['Python']);
    await page.getByRole('link', { name: 'Python' }).click();
    // The same row, at the same address, not a copy.
    await expect(page).toHaveURL(address);
    await expect(page.getByRole('region', { name: 'Posts' }).getByRole('rowheader')).toHaveText(['Snakes', 'Hello Python!']);
    await expect(page.getByRole('region', { name: 'To-dos' }).getByRole('rowheader')).toHaveCount(2);
  });

  test('brings back a to-do removed in place, and completed ones cleared', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    const items = page.getByRole('list', { name: 'To-dos' }).getByRole('listitem');
    await page.getByRole('button', { name: 'Clear completed' }).click();
    await expect(items).toHaveCount(3);
    await page.getByRole('status').filter({ hasText: 'Deleted 1 completed to-do' }).getByRole('button', { name: 'Undo' }).click();
    await expect(items).toHaveCount(4);
    await expect(page.getByRole('checkbox', { name: 'Done: Learn Flask' })).toBeChecked();
  });
});

test.describe('Storage', () => {
  test('the Database page shows use, quota and persistence, and Tend asks for persistence once on the first save', async ({ page }) => {
    await page.addInitScript(() => {
      const calls: string[] = [];
      (window as { __persistCalls?: string[] }).__persistCalls = calls;
      const original = navigator.storage.persist.bind(navigator.storage);
      navigator.storage.persist = () => {
        calls.push('persist');
        return original();
      };
    });
    const tend = new Tend(page);
    await tend.open('database');
    const storage = page.getByRole('region', { name: 'Storage' });
    await expect(storage.getByText('Used')).toBeVisible();
    await expect(storage.getByText(/Available to Tend/)).toBeVisible();
    await expect(storage.getByText('Never')).toBeVisible();
    await expect(storage.getByText('You have not made a backup yet.', { exact: false })).toBeVisible();
    const calls = () => page.evaluate(() => (window as { __persistCalls?: string[] }).__persistCalls?.length ?? 0);
    expect(await calls()).toBe(0);

    await tend.createUser('Ann');
    await expect.poll(calls).toBe(1);
    await tend.open('users/new');
    await tend.fillUser('Bob');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(tend.heading()).toHaveText('Bob');
    // Once asked, never again: not after a reload either.
    await page.reload();
    await tend.createUser('Cy');
    expect(await calls()).toBe(0);
  });

  test('a full device: the save fails in words, nothing is half-written, the form keeps its input', async ({ page }) => {
    // Chromium 150's Storage.overrideQuotaForOrigin changes neither the reported quota nor what a
    // write may use (checked in headless and persistent profiles), so the device "fills up" at
    // IndexedDB's own put/add, which raise the QuotaExceededError a full disk gives.
    await page.addInitScript(() => {
      const full = () => (window as { __deviceFull?: boolean }).__deviceFull === true;
      for (const method of ['put', 'add'] as const) {
        const original = IDBObjectStore.prototype[method];
        IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
          if (full()) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return original.apply(this, args);
        };
      }
    });
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.open('posts/new');
    await tend.field('Title').fill('A long story');
    const body = 'All work and no play. '.repeat(900);
    await tend.field('Body').fill(body);
    await page.getByRole('button', { name: 'New category…' }).click();
    await tend.field('New category').fill('Stories');
    await page.getByRole('button', { name: 'Add' }).click();
    await expect(tend.field('Category').locator('option:checked')).toHaveText('Stories');

    await page.evaluate(() => ((window as { __deviceFull?: boolean }).__deviceFull = true));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('Your device is out of space for Tend');
    await expect(tend.field('Body')).toHaveValue(body);
    await expect(tend.field('Title')).toHaveValue('A long story');
    // Nothing of the refused post was written.
    await tend.open('posts');
    await expect(page.getByRole('rowheader')).toHaveText(['Snakes', 'Hello Python!']);

    await page.evaluate(() => ((window as { __deviceFull?: boolean }).__deviceFull = false));
    await tend.open('posts/new');
    await tend.field('Title').fill('A long story');
    await tend.field('Body').fill(body);
    await tend.field('Category').selectOption({ label: 'Stories' });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(tend.heading()).toHaveText('A long story');
  });

  test('storage cleared under the app: Tend says so and does not start over', async ({ page, baseURL }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.open('users/new');
    await tend.fillUser('Typed before');
    const session = await cdp(page);
    await session.send('Storage.clearDataForOrigin', { origin: new URL(baseURL!).origin, storageTypes: 'indexeddb' });

    await expect(page.getByRole('alert').filter({ hasText: 'The browser removed Tend’s data' })).toBeVisible();
    await expect(tend.field('Username')).toHaveValue('Typed before');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(/Nothing was saved/)).toBeVisible();
    // No empty database was made behind the person's back.
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
    expect(databases).not.toContain('tend');
  });
});

test.describe('Faults', () => {
  test('an unexpected error is shown in the page, and Tend stays usable', async ({ page }) => {
    const tend = new Tend(page);
    await tend.open('users');
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('Something broke in the background');
      });
      void Promise.reject(new Error('A promise nobody awaited'));
    });
    const banner = page.getByRole('alert').filter({ hasText: 'Something went wrong: Something broke in the background' });
    await expect(banner).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'A promise nobody awaited' })).toBeVisible();
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
    await tend.createUser('Still works');
  });
});

test.describe('The query log', () => {
  test('records database operations while on, newest first, and nothing while off', async ({ page }) => {
    const tend = new Tend(page);
    await tend.open('database');
    const log = page.getByRole('region', { name: 'Query log' });
    await log.getByLabel('Log database operations').check();
    // The page's own reads are the first entries.
    await expect(log.getByRole('table', { name: 'Database operations' })).toBeVisible();

    // The log lives in the page, so move around inside Tend rather than reloading.
    const sections = page.getByRole('navigation', { name: 'Sections' });
    await sections.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'New user' }).click();
    await tend.fillUser('Ann');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(tend.heading()).toHaveText('Ann');
    await sections.getByRole('link', { name: 'Users' }).click();
    await expect(tend.listedUsernames()).toHaveText(['Ann']);
    await sections.getByRole('link', { name: 'Database' }).click();
    const operations = log.getByRole('table', { name: 'Database operations' });
    await expect(operations.getByRole('row', { name: /users query/ }).first()).toContainText('[usernameSortKey+id]');
    await expect(operations.getByRole('row', { name: /^users add 1 row 1/ })).toHaveCount(1);

    await log.getByLabel('Log database operations').uncheck();
    await expect(operations).toHaveCount(0);
    await page.reload();
    await expect(log.getByLabel('Log database operations')).not.toBeChecked();
  });
});
