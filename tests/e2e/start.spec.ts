import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEPLOYED_BUILDS, serveStatic, type StaticServer } from './support/server';
import { Tend } from './support/tend';

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

    test('the page runs the look at the database first, after its security policy', () => {
      const html = readFileSync(join(build.dir, 'index.html'), 'utf8');
      const policy = html.indexOf('http-equiv="Content-Security-Policy"');
      const tags = [...html.matchAll(/<script type="module"( async)? crossorigin src="([^"]+)"/g)];
      const scripts = tags.map((match) => match[2]!);
      expect(policy).toBeGreaterThan(-1);
      expect(policy).toBeLessThan(html.indexOf('<script'));
      expect(scripts).toHaveLength(2);
      expect(scripts[0]).toMatch(new RegExp(`^${build.base}assets/start-[\\w-]+\\.js$`));
      // It runs as soon as it has arrived, not in turn after the page is parsed.
      expect(tags.map((match) => Boolean(match[1]))).toEqual([true, false]);
      // The app imports the same file, which the browser then runs only once.
      const app = readFileSync(join(build.dir, scripts[1]!.slice(build.base.length)), 'utf8');
      expect(app).toContain(`"./${scripts[0]!.split('/').pop()}"`);
    });

    test('the database is opened twice: one look, shared by the app, then Dexie', async ({ page }) => {
      await page.addInitScript(() => {
        const opens: string[] = [];
        (window as { __opens?: string[] }).__opens = opens;
        const open = IDBFactory.prototype.open;
        IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
          opens.push(`${name}@${version ?? 'as it is'}`);
          return version === undefined ? open.call(this, name) : open.call(this, name, version);
        };
      });
      const tend = new Tend(page, server.url);
      await tend.open();
      await tend.loadSampleData();
      await page.reload();
      await expect(page.getByRole('list', { name: 'To-dos' }).getByRole('listitem').first()).toBeVisible();
      const opens = await page.evaluate(() => (window as { __opens?: string[] }).__opens);
      expect(opens).toEqual(['tend@as it is', expect.stringMatching(/^tend@\d+$/)]);
    });
  });
}
