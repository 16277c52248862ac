import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEPLOYED_BUILDS, serveStatic, type StaticServer } from './support/server';
import { Tend } from './support/tend';
import { LOOKING_OPEN_GLOBAL } from '../../src/db/raw';

// The start looks at the database, and reads the to-do list's first page, from a script tag of
// its own, which runs before the app's code has loaded (vite.config.ts, startScript), and the app
// shares that module's look.
for (const build of DEPLOYED_BUILDS) {
  test.describe(`Starting, served ${build.name}`, () => {
    let server: StaticServer;

    test.beforeEach(async () => {
      server = await serveStatic(build.dir, { base: build.base });
    });

    test.afterEach(async () => {
      await server.close();
    });

    test('the page runs the look at the database first, after its security policy, and it starts the app', () => {
      const html = readFileSync(join(build.dir, 'index.html'), 'utf8');
      const policy = html.indexOf('http-equiv="Content-Security-Policy"');
      const tags = [...html.matchAll(/<script type="module"( async)? crossorigin src="([^"]+)"/g)];
      const scripts = tags.map((match) => match[2]!);
      // First of all, under the policy, the page's own inline script starts opening the database.
      const earlyOpen = html.indexOf('<script>');
      expect(policy).toBeGreaterThan(-1);
      expect(policy).toBeLessThan(earlyOpen);
      expect(html.indexOf(`globalThis.${LOOKING_OPEN_GLOBAL}=`)).toBeGreaterThan(earlyOpen);
      const startTag = html.indexOf('<script type="module"');
      expect(earlyOpen).toBeLessThan(startTag);
      // One script: the start's, which runs as soon as it has arrived, not in turn after the page is parsed.
      expect(scripts).toHaveLength(1);
      expect(scripts[0]).toMatch(new RegExp(`^${build.base}assets/start-[\\w-]+\\.js$`));
      expect(tags.map((match) => Boolean(match[1]))).toEqual([true]);
      // The app's own script is named for the start to run, ahead of it, and imports the same file,
      // which the browser then runs only once.
      const named = html.match(/<meta name="tend-app-script" content="([^"]+)">/);
      expect(named?.index).toBeLessThan(startTag);
      expect(named?.[1]).toMatch(new RegExp(`^${build.base}assets/index-[\\w-]+\\.js$`));
      const app = readFileSync(join(build.dir, named![1]!.slice(build.base.length)), 'utf8');
      expect(app).toContain(`"./${scripts[0]!.split('/').pop()}"`);
      // Nor does the page preload the chunks the app's script imports: they are named for the
      // start to preload with it.
      const preloads = [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((match) => match[1]);
      expect(preloads).toEqual([scripts[0]]);
      const imports = html.match(/<meta name="tend-app-imports" content="([^"]+)">/)?.[1]?.split(' ') ?? [];
      expect(imports.length).toBeGreaterThan(0);
      const importedNames = imports.map((imported) => imported.split('/').pop());
      const direct = [...app.matchAll(/from"\.\/([\w-]+\.js)"/g)].map((match) => match[1]).filter((name) => !scripts[0]!.endsWith(`/${name}`));
      expect(direct.length).toBeGreaterThan(0);
      for (const name of direct) expect(importedNames).toContain(name);
    });

    test('the database is opened twice: one look, begun by the page and shared by the start and the app, then Dexie', async ({ page }) => {
      await page.addInitScript(() => {
        const opens: string[] = [];
        (window as { __opens?: string[] }).__opens = opens;
        const open = IDBFactory.prototype.open;
        IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
          // Who opens: the page's inline script (a script element without a file), or code run later.
          const by = document.currentScript && !document.currentScript.hasAttribute('src') ? ' by the page' : '';
          opens.push(`${name}@${version ?? 'as it is'}${by}`);
          return version === undefined ? open.call(this, name) : open.call(this, name, version);
        };
      });
      const tend = new Tend(page, server.url);
      await tend.open();
      await tend.loadSampleData();
      await page.reload();
      await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem').first()).toBeVisible();
      // Dexie loads once the first rows have shown.
      await expect.poll(() => page.evaluate(() => (window as { __opens?: string[] }).__opens)).toEqual(['tend@as it is by the page', expect.stringMatching(/^tend@\d+$/)]);
    });

    test.describe('the first screen', () => {
      // Scripts are held back through the network, which a service worker would answer instead.
      test.use({ serviceWorkers: 'block' });

      test('is drawn by the start before the app runs, as the app draws it, and the app takes over', async ({ page }) => {
        const tend = new Tend(page, server.url);
        await tend.loadSampleData();
        const list = page.getByRole('list', { name: 'To-dos' });
        // One done row, and the list filtered, so that the picture has to follow both.
        await list.getByRole('checkbox').first().check();
        await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Active' }).click();
        await expect(page.getByRole('status').filter({ hasText: 'left' })).toBeVisible();

        // The app's own script waits until released: only the start's runs.
        let release = () => {};
        const released = new Promise<void>((resolve) => (release = resolve));
        await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
          await released;
          await route.continue();
        });
        // What the footer says in the first frame painted after the picture has gone: the
        // counts the picture showed, not "Counting…".
        await page.addInitScript(() => {
          const seen: { footer?: string } = {};
          (window as { __seen?: typeof seen }).__seen = seen;
          let pictured = false;
          const observer = new MutationObserver(() => {
            pictured ||= document.getElementById('first-screen') !== null;
            if (!pictured || document.getElementById('first-screen')) return;
            observer.disconnect();
            requestAnimationFrame(() => (seen.footer = document.querySelector('.todo-footer [role="status"]')?.textContent ?? ''));
          });
          observer.observe(document, { subtree: true, childList: true });
        });
        await page.reload({ waitUntil: 'commit' });
        const picture = page.locator('#first-screen');
        await expect(picture.locator('ul[aria-label="To-dos"] > li').first()).toBeVisible();
        const drawn = await canonical(page, '#first-screen');
        expect(drawn).toContain('Mark all as done');
        // (What is done on the picture is done again by the app: starting.spec.ts.)
        const firstTitle = await picture.locator('.todo-title').first().textContent();

        release();
        await expect(picture).toHaveCount(0);
        await expect(list.getByRole('checkbox', { name: `Done: ${firstTitle}` })).not.toBeChecked();
        // The app's screen, element for element (the install offer comes later, from the browser).
        // (Split where the markup has spaces, so that a difference shows as one part.)
        expect((await canonical(page, '#app')).split('␣')).toEqual(drawn.split('␣'));
        expect(await page.evaluate(() => (window as { __seen?: { footer?: string } }).__seen?.footer)).toBe('2 items left');
        // And it is the app's: a click is saved.
        await list.getByRole('checkbox', { name: `Done: ${firstTitle}` }).click();
        // Done, it leaves the list of active to-dos.
        await expect(list.getByRole('checkbox', { name: `Done: ${firstTitle}` })).toHaveCount(0);
      });
    });
  });
}

/**
 * An element's content as markup to compare: attributes sorted, checkboxes' state shown,
 * comments (Svelte's anchors) left out, and white space collapsed as a browser lays it out.
 */
function canonical(page: Page, selector: string): Promise<string> {
  return page.evaluate((selector) => {
    const inner = (element: Element): string => {
      const parts: string[] = [];
      for (const node of element.childNodes) {
        if (node instanceof Element) parts.push(outer(node));
        else if (node.nodeType === Node.TEXT_NODE) parts.push((node.textContent ?? '').replace(/\s+/g, ' '));
      }
      return parts.join('').replace(/ {2,}/g, ' ').replace(/^ | $/g, '').replace(/> </g, '>␣<');
    };
    const outer = (element: Element): string => {
      if (element.matches('.install')) return '';
      const attributes = [...element.attributes].map((attribute) => `${attribute.name}="${attribute.value}"`).sort();
      if (element instanceof HTMLInputElement && element.type === 'checkbox') attributes.push(`(checked: ${element.checked})`);
      return `<${element.localName} ${attributes.join(' ')}>${inner(element)}</${element.localName}>`;
    };
    return inner(document.querySelector(selector)!);
  }, selector);
}
