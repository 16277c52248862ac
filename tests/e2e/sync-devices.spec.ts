import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { launchPersistent, type PersistentBrowser } from './support/browser';
import { person, startSyncSite, type SyncSite } from './support/sync';

// Two devices of one household, each a browser profile of its own, on the production build with
// the real sync server under the app's origin. Going offline is Chromium's own network switch
// for that profile: its requests fail and the page hears `offline`, then `online`.

interface Device {
  page: Page;
  context: BrowserContext;
  newTodo(): ReturnType<Page['getByLabel']>;
  item(title: string): ReturnType<Page['getByRole']>;
}

test.describe('Two devices of one household', () => {
  let sync: SyncSite;
  const browsers: PersistentBrowser[] = [];

  test.beforeEach(async () => {
    sync = await startSyncSite();
  });

  test.afterEach(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
    await sync.stop();
  });

  /** A device where `name` has connected Tend to the household. */
  async function deviceOf(name: string): Promise<Device> {
    const browser = await launchPersistent();
    browsers.push(browser);
    const page = await browser.context.newPage();
    // Through the app's own links, so that every screen's code is loaded before going offline
    // (Chromium's offline switch also stops the service worker answering).
    await page.goto(`${sync.url}database`);
    await page.getByRole('region', { name: 'Sync' }).getByRole('link', { name: 'Set up sync' }).click();
    const form = page.getByRole('form', { name: 'Connect to a sync server' });
    const { password } = person(sync.household, name);
    await form.getByLabel('Your name').fill(name);
    // A wrong password first: refused, and said next to the field.
    await form.getByLabel('Password').fill(`${password}-wrong`);
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect(form.getByLabel('Password')).toHaveAccessibleDescription('That name and password do not match anyone on this server.');
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Connected — changes go both ways as they happen' })).toBeVisible();
    await openSection(page, 'To-dos');
    return {
      page,
      context: browser.context,
      newTodo: () => page.getByLabel('What needs to be done?'),
      item: (title: string) => page.getByRole('list', { name: 'To-dos' }).getByRole('listitem').filter({ hasText: title }),
    };
  }

  async function openSection(page: Page, name: string) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  }

  async function openSync(page: Page) {
    await openSection(page, 'Database');
    await page.getByRole('region', { name: 'Sync' }).getByRole('link', { name: 'Sync between devices' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sync');
  }

  async function add(device: Device, title: string) {
    await device.newTodo().fill(title);
    await device.newTodo().press('Enter');
    await expect(device.item(title)).toHaveCount(1);
  }

  async function rename(device: Device, from: string, to: string) {
    await device.item(from).getByRole('button', { name: `Edit “${from}”` }).click();
    await device.page.getByLabel(`Edit “${from}”`).fill(to);
    await device.page.getByLabel(`Edit “${from}”`).press('Enter');
    await expect(device.item(to)).toHaveCount(1);
  }

  test('a to-do added on one shows on the other; edits made apart meet; a clash is chosen on the page', async () => {
    const ann = await deviceOf('ann');
    const ben = await deviceOf('ben');

    // Live both ways, with no reload, the count of what is left too. Ben's first write also
    // loads the code that checks to-dos, before the network goes.
    await add(ann, 'Buy milk');
    await expect(ben.item('Buy milk')).toHaveCount(1);
    await add(ben, 'Water plants');
    await expect(ann.item('Water plants')).toHaveCount(1);
    await ben.page.getByRole('checkbox', { name: 'Done: Water plants' }).check();
    await expect(ann.page.getByRole('checkbox', { name: 'Done: Water plants' })).toBeChecked();
    await expect(ann.page.getByRole('status').filter({ hasText: /left$/ })).toHaveText('1 item left');

    // Both offline, both edit.
    await ann.context.setOffline(true);
    await ben.context.setOffline(true);
    await rename(ann, 'Buy milk', 'Buy oat milk');
    await rename(ben, 'Buy milk', 'Buy soy milk');
    await add(ann, 'Call grandma');
    await add(ben, 'Feed the cat');
    await openSync(ann.page);
    await expect(ann.page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
    await expect(ann.page.getByText(/Changes waiting to be sent\s*2/)).toBeVisible();
    await openSection(ann.page, 'To-dos');

    // Back online: both end with every to-do, and the same title for the one both changed.
    await ann.context.setOffline(false);
    await ben.context.setOffline(false);
    for (const device of [ann, ben]) {
      for (const title of ['Call grandma', 'Feed the cat']) await expect(device.item(title)).toHaveCount(1);
    }
    const settled = ann.page.getByRole('list', { name: 'To-dos' }).getByRole('listitem').filter({ hasText: /Buy (oat|soy) milk/ });
    await expect(settled).toHaveCount(1);
    const kept = (await settled.innerText()).match(/Buy (oat|soy) milk/)![0];
    await expect(ben.item(kept)).toHaveCount(1);

    // The clash is shown with both values, and choosing one settles it everywhere.
    await openSync(ben.page);
    const notes = ben.page.getByRole('region', { name: 'Things to look at' });
    await expect(notes.getByText('Title was changed on two devices:')).toBeVisible();
    // Both values, and whose each is.
    await expect(notes.getByText('Buy oat milk — ann')).toBeVisible();
    await expect(notes.getByText('Buy soy milk — ben')).toBeVisible();
    // The row itself is marked, and leads back to the choice.
    await notes.getByRole('link', { name: kept }).click();
    await expect(ben.page.getByRole('note')).toContainText('Changed on two devices (Title)');
    await ben.page.getByRole('note').getByRole('link', { name: 'Sync' }).click();
    const other = kept === 'Buy oat milk' ? 'Buy soy milk' : 'Buy oat milk';
    await notes.getByRole('button', { name: new RegExp(`^Keep this\\W+${other}$`) }).click();
    await expect(notes.getByText('Nothing to look at.')).toBeVisible();
    await expect(ann.item(other)).toHaveCount(1);
    await openSync(ann.page);
    await expect(ann.page.getByRole('region', { name: 'Things to look at' }).getByText('Nothing to look at.')).toBeVisible();
  });
});
