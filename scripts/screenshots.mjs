// Renders Tend's main screens at phone and desktop size, from the production build, with the
// sample data, into docs/screenshots/ (the README shows them):
//   npm run screenshots               builds first
//   npm run screenshots -- --no-build reuses dist/
// Phones are drawn at 360 × 740 CSS px, light and dark; the desktop at 1280 × 800, light, for
// two of them. At a device pixel ratio of 1, so the PNGs stay small.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import sirv from 'sirv';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const OUT = 'docs/screenshots';
/**
 * Each screen: the address to open, then the links to follow on the page, as a person reaches
 * a row (rows' addresses hold ids made on the device, so they are not known in advance).
 * @type {{ name: string, path: string, links?: string[], desktop?: boolean }[]}
 */
const SCREENS = [
  { name: 'todos', path: '', desktop: true },
  { name: 'user', path: 'users', links: ['admin'] },
  { name: 'post-form', path: 'posts/new' },
  { name: 'category-delete', path: 'categories', links: ['Python', 'Delete'] },
  { name: 'database', path: 'database', desktop: true },
];
/** @type {{ name: string, viewport: { width: number, height: number }, schemes: ('light' | 'dark')[] }[]} */
const SIZES = [
  { name: 'phone', viewport: { width: 360, height: 740 }, schemes: ['light', 'dark'] },
  { name: 'desktop', viewport: { width: 1280, height: 800 }, schemes: ['light'] },
];

if (!process.argv.includes('--no-build')) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });

// The built app, with index.html for every address it does not know, as a static host would.
const serve = sirv('dist', { single: true });
const server = createServer((request, response) => serve(request, response));
await new Promise((resolve) => server.listen(0, 'localhost', () => resolve(undefined)));
const root = `http://localhost:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/`;

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  mkdirSync(OUT, { recursive: true });
  for (const size of SIZES) {
    for (const colorScheme of size.schemes) {
      // A fresh context each time: its own empty database, filled by the first-run offer.
      const context = await browser.newContext({ viewport: size.viewport, colorScheme, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(root);
      await page.getByRole('button', { name: 'Load sample data' }).click();
      await page.getByRole('list', { name: 'To-dos' }).getByRole('listitem').first().waitFor();
      for (const screen of SCREENS.filter((screen) => size.name === 'phone' || screen.desktop)) {
        await page.goto(root + screen.path);
        for (const link of screen.links ?? []) {
          await page.getByText(/^Loading/).waitFor({ state: 'detached' });
          await page.getByRole('main').getByRole('link', { name: link, exact: true }).first().click();
        }
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.getByText(/^Loading/).waitFor({ state: 'detached' });
        // Not the caret or a focus ring: the first screen as a person sees it.
        await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
        const file = join(OUT, `${screen.name}-${size.name}${size.schemes.length > 1 ? `-${colorScheme}` : ''}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
