import { expect, test } from '@playwright/test';
import { FIRST_SCREEN_JS_BUDGET, firstScreenSize } from '../../scripts/bundle-size.mjs';

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

test.describe('The size of the first screen', () => {
  test('its JavaScript stays within the budget (gzip)', () => {
    const { js, scripts } = firstScreenSize('dist');
    expect(js, `The first screen loads ${kb(js)} of JavaScript (${scripts.join(', ')}); the budget is ${kb(FIRST_SCREEN_JS_BUDGET)}.`).toBeLessThanOrEqual(
      FIRST_SCREEN_JS_BUDGET,
    );
  });

  // The figure above counts what index.html loads; this checks that is all the home screen needs
  // to show its first rows. Dexie and the rest of the data layer load alongside, not counted.
  test.use({ serviceWorkers: 'block' });

  test('the home screen shows its first rows with only what is counted', async ({ page }) => {
    const { scripts } = firstScreenSize('dist');
    await page.goto('/');
    const newTodo = page.getByLabel('What needs to be done?');
    await newTodo.fill('Water the ferns');
    await newTodo.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'left' })).toHaveText('1 item left');

    // Every other script waits until released (registering the service worker, in a chunk of
    // its own after the page has loaded, included).
    const held: (() => Promise<void>)[] = [];
    let holding = true;
    await page.route(/\.js$/, (route) => {
      const path = new URL(route.request().url()).pathname.slice(1);
      if (!holding || scripts.includes(path)) return route.continue();
      held.push(() => route.continue());
    });
    await page.reload();
    // The app's own list (#app shows once it has replaced the start's picture, lib/todos/first-screen.ts).
    await expect(page.locator('#app').getByRole('list', { name: 'To-dos' }).getByRole('checkbox', { name: 'Done: Water the ferns' })).toBeVisible();
    await expect.poll(() => held.length).toBeGreaterThan(0);
    // The counts are read with the first page.
    await expect(page.getByRole('status').filter({ hasText: 'left' })).toHaveText('1 item left');
    holding = false;
    for (const release of held) await release();
    await expect(page.getByRole('status').filter({ hasText: 'left' })).toHaveText('1 item left');
  });
});
