import { expect, test } from '@playwright/test';
import { DEPLOYED_BUILDS, serveStatic, type StaticServer } from './support/server';
import { waitForServiceWorkerControl } from './support/browser';
import { ID } from './support/addresses';
import { Tend } from './support/tend';
import { makeVersion4Database } from './support/version-4';

// These tests serve the build from a server they can stop, so "offline" means the network
// is really gone, not merely emulated.
for (const build of DEPLOYED_BUILDS) {
  test.describe(`Offline, served ${build.name}`, () => {
    let server: StaticServer;

    test.beforeEach(async () => {
      server = await serveStatic(build.dir, { base: build.base });
    });

    test.afterEach(async () => {
      await server.close();
    });

    // Stopping the server is the real thing. Playwright's setOffline() is not used: Chromium's
    // emulation also fails navigations that the service worker would answer.
    async function goOffline() {
      await server.close();
    }

    test('after the first visit it starts, navigates, reloads, follows deep links and saves with no network', async ({ page }) => {
      const tend = new Tend(page, server.url);
      await tend.open();
      await waitForServiceWorkerControl(page);
      await tend.createUser('Online Olive');
      const oliveUrl = page.url();

      await goOffline();

      await page.reload();
      await expect(tend.heading()).toHaveText('Online Olive');

      // A deep link typed into the address bar.
      await page.goto(`${server.url}users`);
      await expect(tend.listedUsernames()).toHaveText(['Online Olive']);
      await page.goto(oliveUrl);
      await expect(tend.heading()).toHaveText('Online Olive');

      // The lazily loaded form works too, and data saved offline survives a reload.
      await page.getByRole('link', { name: 'Users', exact: true }).first().click();
      await page.getByRole('link', { name: 'New user' }).click();
      await tend.fillUser('Offline Otto');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(tend.heading()).toHaveText('Offline Otto');
      await page.reload();
      await expect(tend.heading()).toHaveText('Offline Otto');
      await page.goto(`${server.url}users`);
      await expect(tend.listedUsernames()).toHaveText(['Offline Otto', 'Online Olive']);

      // An unknown address offline is Tend's own "not found", not the browser's error page.
      await page.goto(`${server.url}nowhere`);
      await expect(tend.heading()).toHaveText('Not found');
    });

    test('an address bookmarked before ids were UUIDs opens its row offline, after a reload too', async ({ page }) => {
      await makeVersion4Database(page, server.url);
      const tend = new Tend(page, server.url);
      await tend.open();
      await waitForServiceWorkerControl(page);
      await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem')).toHaveCount(3);

      await goOffline();
      await page.reload();
      await expect(tend.heading()).toHaveText('To-dos');
      await page.goto(`${server.url}users/3`);
      await expect(tend.heading()).toHaveText('Bea');
      await expect(page).toHaveURL(new RegExp(`^${server.url}users/${ID}$`));
      await page.reload();
      await expect(tend.heading()).toHaveText('Bea');
      await page.goto(`${server.url}posts/12/edit`);
      await expect(tend.heading()).toHaveText('Edit Gate hinges');
      await expect(page).toHaveURL(new RegExp(`^${server.url}posts/${ID}/edit$`));
    });

    test('links and assets stay under the deploy base', async ({ page }) => {
      const tend = new Tend(page, server.url);
      await tend.createUser('Base Bea');
      await expect(page).toHaveURL(new RegExp(`^${server.url}users/${ID}$`));
      const outside = server.requests.filter((path) => !path.startsWith(build.base));
      expect(outside).toEqual([]);
    });
  });
}
