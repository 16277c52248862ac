import { expect, test, type Page } from '@playwright/test';
import { Tend } from './support/tend';
import { person, startSyncSite, type SyncSite } from './support/sync';
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
});
