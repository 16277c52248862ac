import { expect, test, type Page } from '@playwright/test';
import { serveStatic, type StaticServer } from './support/server';
import { Tend } from './support/tend';

// Nothing a person types, ticks or taps is lost while Tend starts. Each moment of a start is
// made slow on purpose (a script held back, the service worker held back, the data layer held
// back) and a person types and taps through it.

/** Holds back the requests whose path matches until `release()`; `held` says once one is waiting. */
async function holdBack(page: Page, pattern: RegExp) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let heard = () => {};
  const held = new Promise<void>((resolve) => (heard = resolve));
  await page.route(pattern, async (route) => {
    heard();
    await released;
    await route.continue();
  });
  return { held, release };
}

const APP_SCRIPT = /\/assets\/index-[\w-]+\.js$/;
const DATA_LAYER = /\/assets\/data-layer-[\w-]+\.js$/;
const SERVICE_WORKER_SETUP = /\/assets\/workbox-window[\w.-]*\.js$/;

test.describe('While Tend starts', () => {
  let server: StaticServer;

  test.beforeEach(async () => {
    server = await serveStatic('dist');
  });

  test.afterEach(async () => {
    await server.close();
  });

  test.describe('with the start’s picture of the to-do list on screen', () => {
    // Scripts are held back through the network, which a service worker would answer instead.
    test.use({ serviceWorkers: 'block' });

    test('a tick, a tap on a link and a to-do typed on the picture are done by the app once it answers', async ({ page }) => {
      const tend = new Tend(page, server.url);
      await tend.loadSampleData();
      const list = page.getByRole('list', { name: 'To-dos' });
      const firstTitle = (await list.getByRole('listitem').first().locator('.todo-title').textContent()) ?? '';

      const app = await holdBack(page, APP_SCRIPT);
      await page.reload({ waitUntil: 'commit' });
      const picture = page.locator('#first-screen');
      await expect(picture.getByRole('listitem').first()).toBeVisible();
      await app.held;
      // The app's script has not run: everything below is done on the picture.
      await picture.getByRole('checkbox', { name: `Done: ${firstTitle}` }).check();
      const field = picture.getByRole('textbox', { name: 'What needs to be done?' });
      await field.fill('Fix the gate');
      await field.press('Enter');
      await field.fill('Call the plumber');
      await expect(picture).toBeVisible();

      app.release();
      await expect(picture).toHaveCount(0);
      // The tick is saved, the to-do added, and the text being typed is still there, in focus.
      const newTodo = page.getByRole('textbox', { name: 'What needs to be done?' });
      await expect(list.getByRole('checkbox', { name: `Done: ${firstTitle}` })).toBeChecked();
      await expect(list.getByRole('listitem').filter({ hasText: 'Fix the gate' })).toHaveCount(1);
      await expect(newTodo).toHaveValue('Call the plumber');
      await expect(newTodo).toBeFocused();
      await page.reload();
      await expect(list.getByRole('checkbox', { name: `Done: ${firstTitle}` })).toBeChecked();
      await expect(list.getByRole('listitem').filter({ hasText: 'Fix the gate' })).toHaveCount(1);
    });

    test('a section tapped on the picture opens once the app answers, without loading the page again', async ({ page }) => {
      const tend = new Tend(page, server.url);
      await tend.loadSampleData();
      const app = await holdBack(page, APP_SCRIPT);
      await page.reload({ waitUntil: 'commit' });
      const picture = page.locator('#first-screen');
      await expect(picture.getByRole('listitem').first()).toBeVisible();
      await app.held;
      await page.evaluate(() => ((window as { sameDocument?: boolean }).sameDocument = true));
      await picture.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Users' }).click();

      app.release();
      await expect(page).toHaveURL(/\/users$/);
      await expect(tend.heading()).toHaveText('Users');
      expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
    });

    test('a to-do typed and ticked while the data layer is still loading is saved once it is there', async ({ page }) => {
      const tend = new Tend(page, server.url);
      await tend.loadSampleData();
      const list = page.getByRole('list', { name: 'To-dos' });
      const firstTitle = (await list.getByRole('listitem').first().locator('.todo-title').textContent()) ?? '';

      const data = await holdBack(page, DATA_LAYER);
      await page.reload({ waitUntil: 'commit' });
      // The app's own list, from the rows read at start: Dexie is not there yet.
      await expect(page.locator('#first-screen')).toHaveCount(0);
      await data.held;
      await list.getByRole('checkbox', { name: `Done: ${firstTitle}` }).check();
      const newTodo = page.getByRole('textbox', { name: 'What needs to be done?' });
      await newTodo.fill('Fix the gate');
      await newTodo.press('Enter');
      await newTodo.fill('Call the plumber');

      data.release();
      await expect(list.getByRole('listitem').filter({ hasText: 'Fix the gate' })).toHaveCount(1);
      await expect(newTodo).toHaveValue('Call the plumber');
      await page.reload();
      await expect(list.getByRole('checkbox', { name: `Done: ${firstTitle}` })).toBeChecked();
      await expect(list.getByRole('listitem').filter({ hasText: 'Fix the gate' })).toHaveCount(1);
    });
  });

  test('on a first visit, a form being filled in keeps its text while the service worker takes control', async ({ page }) => {
    const tend = new Tend(page, server.url);
    const worker = await holdBack(page, SERVICE_WORKER_SETUP);
    await tend.open('users/new');
    await tend.fillUser('alice', 'alice@example.com');
    await worker.held;
    worker.release();
    // The first worker takes charge of the page it was installed from (clientsClaim).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    await expect(tend.field('Username')).toHaveValue('alice');
    await expect(tend.field('Email')).toHaveValue('alice@example.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(tend.heading()).toHaveText('alice');
  });

  test('on a later load, a form being filled in keeps its text while the update check and the database open', async ({ page }) => {
    const tend = new Tend(page, server.url);
    await tend.open('users');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await tend.open('users/new');
    await tend.fillUser('alice', 'alice@example.com');
    // The page's own start is over: its worker has checked for an update.
    await page.evaluate(() => navigator.serviceWorker.ready.then((registration) => registration.update()));
    await page.evaluate(() => new Promise(requestAnimationFrame));
    await expect(tend.field('Username')).toHaveValue('alice');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(tend.heading()).toHaveText('alice');
  });
});
