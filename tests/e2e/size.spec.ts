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

  // The figure above counts what index.html loads; this checks that is all the home screen needs.
  test.use({ serviceWorkers: 'block' });

  test('the home screen needs no script beyond what is counted', async ({ page }) => {
    const { scripts } = firstScreenSize('dist');
    const loaded: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') loaded.push(new URL(request.url()).pathname.slice(1));
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('To-dos');
    await expect(page.getByRole('button', { name: 'Load sample data' })).toBeVisible();
    // Registering the service worker is deferred until the page has loaded, in a chunk of its own.
    const beyond = loaded.filter((path) => !scripts.includes(path) && !/workbox-window/.test(path));
    expect(beyond).toEqual([]);
  });
});
