import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Tend } from './support/tend';
import { person, startSyncSite, type SyncSite } from './support/sync';
import { waitForServiceWorkerControl } from './support/browser';
import { copyDir, tempDir } from './support/server';
import { SYNC_ENGINE_CACHE } from '../../src/lib/sync/engine-cache';
import { CURRENT_VERSION } from './support/versions';

test.describe('The Sync page', () => {
  test('is reached from the Database page, and offers to connect to a sync server', async ({ page }) => {
    const tend = new Tend(page);
    await tend.open('database');
    const summary = page.getByRole('region', { name: 'Sync' });
    await expect(summary).toContainText('Off — Tend’s data is on this device only.');
    await summary.getByRole('link', { name: 'Set up sync' }).click();

    await expect(tend.heading()).toHaveText('Sync');
    // It has no tab of its own: the section it is opened from stays marked.
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Database' })).toHaveAttribute('aria-current', 'page');
    const form = page.getByRole('form', { name: 'Connect to a sync server' });
    // The suggested server is the one under the app's own origin.
    await expect(form.getByLabel('Server address')).toHaveValue('/couchdb/');
    await expect(form.getByLabel('Your name')).toHaveValue('');
    await expect(form.getByLabel('Your name')).toHaveAttribute('autocomplete', 'username');
    await expect(form.getByLabel('Password')).toHaveAttribute('type', 'password');
    await expect(form.getByLabel('Password')).toHaveAttribute('autocomplete', 'current-password');
    await expect(form.getByRole('button', { name: 'Connect' })).toBeEnabled();
    await expect(page.getByText('Everything also stays on this device')).toBeVisible();

    // The way back, for the installed app that has no back button.
    await page.getByRole('main').getByRole('link', { name: 'Database' }).click();
    await expect(tend.heading()).toHaveText('Database');
  });
});

test.describe('The sync site of the end-to-end tests', () => {
  let sync: SyncSite;

  test.beforeEach(async () => {
    sync = await startSyncSite();
  });

  test.afterEach(async () => {
    await sync.stop();
  });

  /** A request from the page, as the app's own code makes it: same origin, cookies included. */
  function fetchInPage(page: Page, path: string, init: { method?: string; body?: unknown } = {}) {
    return page.evaluate(
      async ({ path, method, body }) => {
        const response = await fetch(path, {
          method,
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, json: (await response.json()) as Record<string, unknown> };
      },
      { path, method: init.method ?? 'GET', body: init.body },
    );
  }

  test('puts the sync server under the app’s origin: sign-in cookie, writes and a long-polled changes feed go through', async ({ page }) => {
    const ann = person(sync.household, 'ann');
    await page.goto(sync.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('To-dos');

    // The app's Content-Security-Policy allows only its own origin: these requests prove /couchdb/ is one.
    expect((await fetchInPage(page, '/couchdb/')).json.version).toEqual(expect.any(String));
    expect((await fetchInPage(page, '/couchdb/household-home')).status).toBe(401);
    const session = await fetchInPage(page, '/couchdb/_session', { method: 'POST', body: { name: ann.name, password: ann.password } });
    expect(session.status).toBe(200);
    // The session cookie came back through the proxy, and the browser sends it on.
    expect((await fetchInPage(page, '/couchdb/_session')).json.userCtx).toMatchObject({ name: 'ann' });

    // A long poll answers as soon as something changes, not when the feed times out.
    const changes = fetchInPage(page, '/couchdb/household-home/_changes?feed=longpoll&since=now&timeout=20000');
    // A to-do as Tend stores it on the server: the household's design document refuses anything else.
    const id = '019a0000-0000-7000-8000-000000000001';
    const todo = {
      type: 'todos',
      schema: CURRENT_VERSION,
      by: 'ann',
      fields: { title: 'Buy milk', done: 0, createdAt: 1767225600000, updatedAt: 1767225600000 },
      edits: { title: 1, done: 1, createdAt: 1, updatedAt: 1 },
    };
    const written = await fetchInPage(page, `/couchdb/household-home/${id}`, { method: 'PUT', body: todo });
    expect(written.status).toBe(201);
    const answered = await changes;
    expect(answered.json.results).toEqual([expect.objectContaining({ id })]);
    sync.server.assertRunning();
  });

  test('stop() closes the site and ends the sync server’s process', async () => {
    const { pid } = sync.server;
    await sync.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(fetch(sync.url)).rejects.toThrow();
    // afterEach stops it again: stopping twice is harmless.
  });
});

/** The paths of the scripts in the service worker's caches. */
function cachedScripts(page: Page, cacheName?: string): Promise<string[]> {
  return page.evaluate(async (only) => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      if (only !== undefined && name !== only) continue;
      const requests = await (await caches.open(name)).keys();
      paths.push(...requests.map((request) => new URL(request.url).pathname).filter((path) => path.endsWith('.js')));
    }
    return paths;
  }, cacheName);
}

const ENGINE = /\/assets\/engine-[\w-]+\.js$/;

// These need the sync engine (src/lib/sync/connection.ts) and a sync server.
test.describe('Connecting to a household', () => {
  let sync: SyncSite;

  test.beforeEach(async () => {
    sync = await startSyncSite();
  });

  test.afterEach(async () => {
    sync.server.assertRunning();
    await sync.stop();
  });

  async function fillConnectForm(page: Page, name: string, password: string) {
    const form = page.getByRole('form', { name: 'Connect to a sync server' });
    await form.getByLabel('Your name').fill(name);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Connect' }).click();
    return form;
  }

  test('a wrong password is said next to Password; the right one connects, and the Database page says so', async ({ page }) => {
    const ann = person(sync.household, 'ann');
    const tend = new Tend(page, sync.url);
    await tend.open('sync');

    const form = await fillConnectForm(page, ann.name, `${ann.password}-wrong`);
    const passwordField = form.getByLabel('Password');
    await expect(passwordField).toHaveAttribute('aria-invalid', 'true');
    await expect(passwordField).toHaveAccessibleDescription('That name and password do not match anyone on this server.');
    await expect(passwordField).toBeFocused();
    // Nothing else is blamed, and what was typed stays.
    await expect(form.getByLabel('Your name')).not.toHaveAttribute('aria-invalid');
    await expect(form.getByLabel('Your name')).toHaveValue('ann');

    await fillConnectForm(page, ann.name, ann.password);
    await expect(page.getByText('Connected as ann to household home')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Connected — changes go both ways as they happen' })).toBeVisible();

    await page.getByRole('main').getByRole('link', { name: 'Database' }).click();
    const summary = page.getByRole('region', { name: 'Sync' });
    await expect(summary).toContainText('Connected — changes go both ways as they happen. Signed in as ann, household home.');
    await summary.getByRole('link', { name: 'Sync between devices' }).click();
    await expect(page.getByText('Connected as ann to household home')).toBeVisible();
  });

  test('a new household has nothing to look at', async ({ page }) => {
    const ann = person(sync.household, 'ann');
    const tend = new Tend(page, sync.url);
    await tend.open('sync');
    await fillConnectForm(page, ann.name, ann.password);
    await expect(page.getByRole('status').filter({ hasText: 'Connected — changes go both ways as they happen' })).toBeVisible();
    // The household's database holds its design document (the server's checks), which is no row.
    await expect(page.getByText('Nothing to look at.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Things to look at' }).getByRole('alert')).toHaveCount(0);
  });

  /** The sample data on this device, then connected as ann. */
  async function connectedWithSampleData(page: Page): Promise<Tend> {
    const ann = person(sync.household, 'ann');
    const tend = new Tend(page, sync.url);
    await tend.loadSampleData();
    await tend.open('sync');
    await fillConnectForm(page, ann.name, ann.password);
    await expect(page.getByRole('status').filter({ hasText: 'Connected — changes go both ways' })).toBeVisible();
    return tend;
  }

  test('signing out offers to keep this device’s data, and removes it only when asked', async ({ page }) => {
    const tend = await connectedWithSampleData(page);

    // Keeping the data is what is chosen until the person picks otherwise; Cancel changes nothing.
    await page.getByRole('button', { name: 'Sign out…' }).click();
    await expect(page.getByRole('radio', { name: 'Keep this device’s copy of the data' })).toBeChecked();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('Connected as ann to household home')).toBeVisible();

    await page.getByRole('button', { name: 'Sign out…' }).click();
    await page.getByRole('radio', { name: /Remove the data from this device/ }).check();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Signed out. The data was removed from this device' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Connect to a sync server' })).toBeVisible();
    await tend.open();
    await expect(page.getByRole('button', { name: 'Load sample data' })).toBeVisible();
  });

  test('signing out and keeping the data leaves every row on this device', async ({ page }) => {
    const tend = await connectedWithSampleData(page);

    await page.getByRole('button', { name: 'Sign out…' }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Signed out. This device keeps its copy of the data.' })).toBeVisible();
    await tend.open();
    await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem')).toHaveCount(4);
  });

  test('only a device that turns sync on downloads its engine; offline without it Tend works, and sync starts on the next load', async ({ page, context }) => {
    const ann = person(sync.household, 'ann');
    const tend = new Tend(page, sync.url);
    await tend.open();
    await waitForServiceWorkerControl(page);
    // Installed: every screen's code is precached, the Sync page's too, but not sync's engine.
    const installed = await cachedScripts(page);
    expect(installed.filter((path) => /\/SyncPage-/.test(path))).toHaveLength(1);
    expect(installed.filter((path) => ENGINE.test(path))).toEqual([]);
    expect(sync.site.requests.filter((path) => ENGINE.test(path))).toEqual([]);

    // Turning sync on downloads it, into a cache of its own.
    await tend.open('sync');
    await fillConnectForm(page, ann.name, ann.password);
    await expect(page.getByRole('status').filter({ hasText: 'Connected — changes go both ways as they happen' })).toBeVisible();
    expect(await cachedScripts(page, SYNC_ENGINE_CACHE)).toEqual([expect.stringMatching(ENGINE)]);
    expect(sync.site.requests.filter((path) => ENGINE.test(path))).toHaveLength(1);

    // The browser evicted it, and Tend starts with no network for it.
    await page.evaluate((name) => caches.delete(name), SYNC_ENGINE_CACHE);
    await context.route(ENGINE, (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect(page.getByText('Sync’s code is not on this device yet. Once it is online, reload Tend (or press Try again) to start syncing.')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /^Offline/ })).toBeVisible();
    // Tend works as ever and keeps the change for sync; the page was not reloaded for the missing code.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'To-dos' }).click();
    await page.getByLabel('What needs to be done?').fill('Written before sync could start');
    await page.getByLabel('What needs to be done?').press('Enter');
    await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem').filter({ hasText: 'Written before sync could start' })).toHaveCount(1);
    expect(await page.evaluate(() => sessionStorage.getItem('tend:chunk-reload-at'))).toBeNull();
    await expect(page.getByText('Part of Tend couldn’t be loaded')).toHaveCount(0);

    // Online again, Try again loads it: sync starts and sends what waited.
    await context.unroute(ENGINE);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Database' }).click();
    await page.getByRole('region', { name: 'Sync' }).getByRole('link', { name: 'Sync between devices' }).click();
    await expect(page.getByText(/Changes waiting to be sent\s*1/)).toBeVisible();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Connected — changes go both ways as they happen' })).toBeVisible();
    await expect(page.getByText(/Changes waiting to be sent\s*0/)).toBeVisible();
    const onServer = await fetch(`${sync.server.url}/household-home/_all_docs?include_docs=true`, {
      headers: { Authorization: `Basic ${Buffer.from(`${sync.admin.name}:${sync.admin.password}`).toString('base64')}` },
    }).then((response) => response.json() as Promise<{ rows: { doc: { fields?: { title?: string } } }[] }>);
    expect(onServer.rows.map((row) => row.doc.fields?.title)).toContain('Written before sync could start');

    // Signing out forgets the engine too.
    await page.getByRole('button', { name: 'Sign out…' }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('form', { name: 'Connect to a sync server' })).toBeVisible();
    expect(await cachedScripts(page, SYNC_ENGINE_CACHE)).toEqual([]);
  });
});

test.describe('A new version on a device that syncs', () => {
  let sync: SyncSite;
  let deployed: string;

  test.beforeEach(async () => {
    deployed = await tempDir('tend-sync-deploy-');
    await copyDir('dist', deployed);
    sync = await startSyncSite({ dir: deployed });
  });

  test.afterEach(async () => {
    try {
      await sync.stop();
    } finally {
      await rm(deployed, { recursive: true, force: true });
    }
  });

  test('installs with its sync engine, so sync starts offline right after the update', async ({ page }) => {
    const ann = person(sync.household, 'ann');
    const tend = new Tend(page, sync.url);
    await tend.open('sync');
    await waitForServiceWorkerControl(page);
    const form = page.getByRole('form', { name: 'Connect to a sync server' });
    await form.getByLabel('Your name').fill(ann.name);
    await form.getByLabel('Password').fill(ann.password);
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Connected — changes go both ways as they happen' })).toBeVisible();
    const before = await cachedScripts(page, SYNC_ENGINE_CACHE);

    // The next version, with an engine of its own (its schema differs), is deployed and installs.
    await rm(deployed, { recursive: true });
    await copyDir('dist-next', deployed);
    const nextEngine = (await readdir(join(deployed, 'assets'))).find((file) => ENGINE.test(`/assets/${file}`));
    expect(before).toHaveLength(1);
    expect(before[0]).not.toBe(`/assets/${nextEngine}`);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();

    // The network goes before the person takes the update: the new version starts offline.
    await sync.site.close();
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(page.getByText(/Connected as ann/)).toBeVisible();
    expect(await cachedScripts(page, SYNC_ENGINE_CACHE)).toContain(`/assets/${nextEngine}`);
    // Without its engine, sync would say "Offline" together with why; with it, it runs.
    await expect(page.getByRole('status').filter({ hasText: /^(Connected|Offline)/ })).toBeVisible();
    await expect(page.getByText('Sync’s code is not on this device yet', { exact: false })).toHaveCount(0);
  });
});
