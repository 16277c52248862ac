import { expect, test, type Page } from '@playwright/test';
import { Tend } from './support/tend';
import { addLongRows, everyRoute, LONG, rowRoutes, screenReady } from './support/long-values';

// The narrowest phones first; 390 and 430 are today's common and largest ones.
const PHONE_WIDTHS = [320, 360, 390, 430];
const TARGET = 44;

/** How far the document reaches past the viewport's right edge (0 when nothing scrolls sideways). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * The controls on screen smaller than a thumb's target: every button, checkbox and radio, and
 * every link in a list row or the navigation, measured from its bounding box.
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((target) => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, input[type="checkbox"], input[type="radio"], tr a[href], li a[href], nav a[href]',
    );
    return [...controls].flatMap((control) => {
      const box = control.getBoundingClientRect();
      if (box.width === 0 || control.closest('.visually-hidden')) return [];
      const name = control.getAttribute('aria-label') ?? control.textContent?.trim() ?? control.id;
      return box.width < target - 0.5 || box.height < target - 0.5 ? [`${name.slice(0, 40)} (${Math.round(box.width)}×${Math.round(box.height)})`] : [];
    });
  }, TARGET);
}

test.describe('On a phone', () => {
  test('every screen fits 320 to 430 px with the longest values, and its controls are thumb-sized', async ({ page }) => {
    test.setTimeout(120_000);
    const tend = new Tend(page);
    await page.setViewportSize({ width: 360, height: 740 });
    const ids = await addLongRows(tend);
    const rowScreens = new Set(rowRoutes(ids));

    for (const route of everyRoute(ids)) {
      await tend.open(route);
      await screenReady(page);
      // At its UUID address a row's own screen opens, with the long values that must fit.
      if (rowScreens.has(route)) await expect(tend.heading(), `/${route}`).not.toHaveText('Not found');
      for (const width of PHONE_WIDTHS) {
        await page.setViewportSize({ width, height: 740 });
        expect(await overflow(page), `/${route} scrolls sideways at ${width} px`).toBe(0);
        expect(await smallTargets(page), `controls under ${TARGET}×${TARGET} px on /${route} at ${width} px`).toEqual([]);
      }
    }
  });

  test('every section is one tap away on the tab bar, which marks where you are', async ({ page }) => {
    const tend = new Tend(page);
    await page.setViewportSize({ width: 320, height: 640 });
    await tend.loadSampleData();
    // Start from a user's edit screen, reached as a person would.
    await tend.open('users');
    await tend.listedUsernames().getByRole('link', { name: 'admin' }).click();
    await page.getByRole('main').getByRole('link', { name: 'Edit' }).click();
    await expect(tend.heading()).toHaveText('Edit admin');
    const sections = page.getByRole('navigation', { name: 'Sections' });
    for (const [name, heading] of [
      ['To-dos', 'To-dos'],
      ['Users', 'Users'],
      ['Categories', 'Categories'],
      ['Posts', 'Posts'],
      ['Movies', 'Movies'],
      ['Database', 'Database'],
    ]) {
      const tab = sections.getByRole('link', { name, exact: true });
      // Reachable without scrolling the page: the bar stays on screen at the bottom.
      await expect(tab).toBeInViewport({ ratio: 1 });
      await tab.click();
      await expect(tend.heading()).toHaveText(heading!);
      await expect(tab).toHaveAttribute('aria-current', 'page');
      await expect(sections.locator('[aria-current]')).toHaveCount(1);
    }
    // Below a list, on a row's own screen, the section stays marked.
    await sections.getByRole('link', { name: 'Movies' }).click();
    await page.getByRole('main').getByRole('link', { name: 'Ghostbusters' }).click();
    await expect(tend.heading()).toHaveText('Ghostbusters');
    await expect(sections.getByRole('link', { name: 'Movies' })).toHaveAttribute('aria-current', 'page');
  });

  test('table headers keep their words whole, on a desktop and a phone', async ({ page }) => {
    const tend = new Tend(page);
    await tend.loadSampleData();
    await tend.open('database');
    await page.getByLabel('Log database operations').check();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Posts' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Database' }).click();
    await expect(page.getByRole('table', { name: 'Database operations' })).toBeVisible();
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      // A header that is a single word ("Version", "Rows") takes one line: it is never broken inside.
      const broken = await page.evaluate(() =>
        [...document.querySelectorAll('th[scope="col"]')].flatMap((header) => {
          const range = document.createRange();
          range.selectNodeContents(header);
          const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          return header.getClientRects().length > 0 && !/\s/.test(header.textContent!.trim()) && lines.size > 1 ? [header.textContent] : [];
        }),
      );
      expect(broken, `at ${width} px`).toEqual([]);
    }
  });

  test('the Install button shares the header with the name, on one row', async ({ page }) => {
    const tend = new Tend(page);
    await page.setViewportSize({ width: 320, height: 640 });
    await tend.open();
    // What Chromium fires when it offers installation (the real offer is in install.spec.ts).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeinstallprompt', { cancelable: true })));
    const install = page.getByRole('button', { name: 'Install' });
    await expect(install).toBeInViewport({ ratio: 1 });
    const brand = (await page.getByRole('link', { name: 'Tend' }).boundingBox())!;
    const button = (await install.boundingBox())!;
    expect(button.y).toBeLessThan(brand.y + brand.height);
    expect(button.x).toBeGreaterThan(brand.x + brand.width);
    expect(button.height).toBeGreaterThanOrEqual(TARGET);
    expect(await overflow(page)).toBe(0);
  });

  test('detail, form and delete screens have their own way back, for the installed app', async ({ page }) => {
    const tend = new Tend(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await tend.createUser('Ann');
    const main = page.getByRole('main');
    await main.getByRole('link', { name: 'Edit' }).click();
    await main.getByRole('link', { name: 'Ann', exact: true }).click();
    await expect(tend.heading()).toHaveText('Ann');
    await main.getByRole('link', { name: 'Delete' }).click();
    await main.getByRole('link', { name: 'Ann', exact: true }).click();
    await expect(tend.heading()).toHaveText('Ann');
    await main.getByRole('link', { name: 'Users', exact: true }).click();
    await expect(tend.heading()).toHaveText('Users');
    await main.getByRole('link', { name: 'New user' }).click();
    await main.getByRole('link', { name: 'Users', exact: true }).click();
    await expect(tend.heading()).toHaveText('Users');
  });

  test('a toast sits above the tab bar and waits while it has the pointer or focus', async ({ page }) => {
    await page.clock.install();
    const tend = new Tend(page);
    await page.setViewportSize({ width: 360, height: 640 });
    await tend.loadSampleData();
    await page.getByRole('button', { name: 'Clear completed' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'Deleted 1 completed to-do' });
    await expect(toast).toBeVisible();

    const toastBox = (await toast.boundingBox())!;
    const barBox = (await page.getByRole('navigation', { name: 'Sections' }).boundingBox())!;
    expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(barBox.y);

    // The pointer on it: the countdown waits, however long.
    await toast.hover();
    await page.clock.runFor(60_000);
    await expect(toast).toBeVisible();
    // Keyboard focus on its Undo, the pointer gone: still waiting.
    await toast.getByRole('button', { name: 'Undo' }).focus();
    await page.mouse.move(5, 5);
    await page.clock.runFor(60_000);
    await expect(toast).toBeVisible();
    // Both gone: the rest of the countdown runs out.
    await page.getByLabel('What needs to be done?').focus();
    await page.clock.runFor(8_000);
    await expect(toast).toBeHidden();
  });

  test('a long name in a toast wraps inside it', async ({ page }) => {
    const tend = new Tend(page);
    await page.setViewportSize({ width: 320, height: 640 });
    await tend.createUser(LONG.username);
    await page.getByRole('main').getByRole('link', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Deleted user' })).toBeVisible();
    expect(await overflow(page)).toBe(0);
  });
});
