import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { waitForServiceWorkerControl } from './support/browser';
import { copyDir, serveStatic, tempDir, type StaticServer } from './support/server';
import { Tend } from './support/tend';

test.describe('A new version', () => {
  let server: StaticServer;
  let deployed: string;

  test.beforeEach(async () => {
    deployed = await tempDir('tend-deploy-');
    await copyDir('dist', deployed);
    server = await serveStatic(deployed);
  });

  test.afterEach(async () => {
    await server.close();
  });

  test('is announced with a Reload button and never replaces a tab mid-edit by itself', async ({ page }) => {
    const tend = new Tend(page, server.url);
    await tend.open();
    await waitForServiceWorkerControl(page);
    await tend.open('users/new');
    await tend.field('Username').fill('Half-typed');

    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });

    // Deploy a new version: the service worker's bytes change.
    await appendFile(join(deployed, 'sw.js'), '\n// next deployment\n');
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
    expect(loads).toBe(2);

    // Once the chunk can be had, the message's Reload brings the app back.
    await page.unroute(/\/assets\/FormView-[^/]+\.js$/);
    await page.getByRole('alert').getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('link', { name: 'New user' }).click();
    await expect(tend.heading()).toHaveText('New user');
  });
});
