import { appendFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { waitForServiceWorkerControl } from './support/browser';
import { copyDir, serveStatic, tempDir, type StaticServer } from './support/server';
import { Tend } from './support/tend';
import { CURRENT_VERSION, NEXT_VERSION } from './support/versions';

/**
 * A server over a copy of a build, whose files can be swapped for another build's, as a new
 * deployment (or a rollback) would. Set up around each test of the describe block.
 */
function useDeployment(build = 'dist') {
  const deployment = {
    server: undefined as unknown as StaticServer,
    dir: '',
    /** Replaces every file with those of another build. */
    async deploy(next: string) {
      await rm(deployment.dir, { recursive: true });
      await copyDir(next, deployment.dir);
    },
  };
  test.beforeEach(async () => {
    deployment.dir = await tempDir('tend-deploy-');
    await copyDir(build, deployment.dir);
    deployment.server = await serveStatic(deployment.dir);
  });
  test.afterEach(async () => {
    await deployment.server.close();
  });
  return deployment;
}

test.describe('A new version', () => {
  const deployment = useDeployment();

  test('is announced with a Reload button and never replaces a tab mid-edit by itself', async ({ page }) => {
    const tend = new Tend(page, deployment.server.url);
    await tend.open();
    await waitForServiceWorkerControl(page);
    await tend.open('users/new');
    await tend.field('Username').fill('Half-typed');

    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });

    // Deploy a new version: the service worker's bytes change.
    await appendFile(join(deployment.dir, 'sw.js'), '\n// next deployment\n');
    // Coming back to the tab is when Tend looks for a new version.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

    await expect(page.getByText('Update available')).toBeVisible();
    const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state);
    expect(waiting).toBe('installed');
    // The new worker is waiting, yet the tab has not been reloaded and the typing is intact.
    expect(navigations).toBe(0);
    await expect(tend.field('Username')).toHaveValue('Half-typed');

    await page.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => navigations).toBe(1);
    await expect(tend.heading()).toHaveText('New user');
    await expect(page.getByText('Update available')).toHaveCount(0);
    const after = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: registration?.waiting ?? null, controlled: navigator.serviceWorker.controller !== null };
    });
    expect(after).toEqual({ waiting: null, controlled: true });
  });
});

test.describe('A part of the app that fails to load after an update', () => {
  // Without the service worker, the request for the chunk reaches the network (and the route below).
  test.use({ serviceWorkers: 'block' });

  test('leads to one reload, then a message instead of a loop', async ({ page }) => {
    const tend = new Tend(page);
    await page.route(/\/assets\/FormView-[^/]+\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    let loads = 0;
    page.on('load', () => {
      loads += 1;
    });

    await tend.open('users');
    await expect(tend.heading()).toHaveText('Users');
    await page.getByRole('link', { name: 'New user' }).click();
    // The missing chunk makes Tend reload once, to pick up the new version.
    await expect.poll(() => loads).toBe(2);
    await expect(tend.heading()).toHaveText('Users');

    // Failing again straight away: say so, do not reload again.
    await page.getByRole('link', { name: 'New user' }).click();
    await expect(page.getByRole('alert')).toContainText('Part of Tend couldn’t be loaded');
    // Said once, in words that say what to do: not also as an unexpected error.
    await expect(page.getByRole('alert')).toHaveCount(1);
    expect(loads).toBe(2);

    // Once the chunk can be had, the message's Reload brings the app back.
    await page.unroute(/\/assets\/FormView-[^/]+\.js$/);
    await page.getByRole('alert').getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('link', { name: 'New user' }).click();
    await expect(tend.heading()).toHaveText('New user');
  });
});

test.describe('A new version that migrates data', () => {
  const deployment = useDeployment();

  test('says so, migrates every row on Reload, keeps a snapshot, and stops the other tab from writing', async ({ context }) => {
    const page = await context.newPage();
    const tend = new Tend(page, deployment.server.url);
    await tend.open();
    await waitForServiceWorkerControl(page);
    const newTodo = page.getByLabel('What needs to be done?');
    for (const [index, title] of ['Paint the fence', 'Oil the gate'].entries()) {
      await newTodo.fill(title);
      await newTodo.press('Enter');
      await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem')).toHaveCount(index + 1);
    }

    // A second tab on the old version, in the middle of typing.
    const other = new Tend(await context.newPage(), deployment.server.url);
    await other.open('users/new');
    await other.field('Username').fill('Half-typed');

    // Deploy the next build, which adds a schema version that rewrites every to-do.
    await deployment.deploy('dist-next');
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect(page.getByText(`this version also updates your data to a new format (version ${NEXT_VERSION})`)).toBeVisible();

    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(tend.heading()).toHaveText('To-dos');
    await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem')).toHaveCount(2);
    await expect(page.getByRole('status').filter({ hasText: 'left' })).toHaveText('2 items left');
    await page.getByRole('link', { name: 'Details of “Paint the fence”' }).click();
    await expect(page.getByText('(migrated)')).toBeVisible();

    await tend.open('database');
    await expect(page.getByText(`Current version: ${NEXT_VERSION}`)).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`^${NEXT_VERSION} `) })).toContainText('upgraded');
    await expect(page.getByText(`before updating from version ${CURRENT_VERSION} to ${NEXT_VERSION}`)).toContainText('2 to-dos');

    // The snapshot downloads as a backup file of the data as the current version stored it…
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the snapshot' }).click();
    const file = JSON.parse(await readFile((await (await downloading).path())!, 'utf8')) as { schemaVersion: number; tables: { todos: { notes?: string }[] } };
    expect(file.schemaVersion).toBe(CURRENT_VERSION);
    expect(file.tables.todos.map((todo) => todo.notes)).toEqual([undefined, undefined]);

    // …and restores through the same migration: what was deleted since comes back, migrated.
    await tend.open();
    await page.getByRole('button', { name: 'Mark all as done' }).click();
    await page.getByRole('button', { name: 'Clear completed' }).click();
    await expect(page.getByRole('list', { name: 'To-dos' })).toHaveCount(0);
    await tend.open('database');
    await page.getByRole('button', { name: 'Restore…' }).click();
    await page.getByRole('group', { name: 'Restore the snapshot' }).getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByText('Restored: your data is back as it was before the update.')).toBeVisible();
    await tend.open();
    await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem')).toHaveCount(2);
    // The counts follow the restore too: kept by its writes, never restored themselves.
    await expect(page.getByRole('status').filter({ hasText: 'left' })).toHaveText('2 items left');
    await page.getByRole('link', { name: 'Details of “Oil the gate”' }).click();
    await expect(page.getByText('(migrated)')).toBeVisible();

    // The old tab let the upgrade through, writes nothing more, and keeps what was typed.
    await expect(other.page.getByRole('alert')).toContainText('Tend was updated in another tab — reload to continue');
    await expect(other.field('Username')).toHaveValue('Half-typed');
    await other.page.getByRole('button', { name: 'Save' }).click();
    await expect(other.page.getByText(/Nothing was saved/)).toBeVisible();
    await tend.open('users');
    await expect(page.getByText('No users yet')).toBeVisible();
  });
});

test.describe('A deployment rolled back to an older version', () => {
  // No service worker: each load comes straight from whichever build the server has.
  test.use({ serviceWorkers: 'block' });
  const deployment = useDeployment('dist-next');

  test('finds a database newer than its code, says so and writes nothing', async ({ page }) => {
    const tend = new Tend(page, deployment.server.url);
    await tend.createUser('Made by the next version');

    await deployment.deploy('dist');
    await tend.open('users');
    await expect(tend.heading()).toHaveText('Tend was updated in another tab — reload to continue');
    await expect(page.getByRole('link', { name: 'New user' })).toHaveCount(0);

    // The newer build still finds its data as it left it.
    await deployment.deploy('dist-next');
    await tend.open('users');
    await expect(tend.listedUsernames()).toHaveText(['Made by the next version']);
  });
});
