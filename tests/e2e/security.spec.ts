import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { serveStatic } from './support/server';
import { inlineScripts } from '../../scripts/bundle-size.mjs';
import { NO_SUCH_IDS } from './support/addresses';
import { Tend } from './support/tend';

/** Records every Content-Security-Policy violation the page reports. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as { __violations?: string[] }).__violations = violations;
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return () => page.evaluate(() => (window as { __violations?: string[] }).__violations ?? []);
}

/** Visits every view, acting as a person would. */
async function useEveryView(tend: Tend) {
  const { page } = tend;
  await tend.loadSampleData();
  for (const section of ['Users', 'Categories', 'Posts', 'Movies', 'To-dos']) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: section }).click();
    await expect(tend.heading()).toHaveText(section);
    await page.getByRole('link', { name: /^New / }).click();
    await expect(tend.heading()).toHaveText(/^New /);
    await page.getByRole('link', { name: 'Cancel' }).click();
  }
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Categories' }).click();
  // The to-do list it leaves links "Python" twice: wait for the categories list first.
  await expect(tend.heading()).toHaveText('Categories');
  await page.getByRole('main').getByRole('link', { name: 'Python' }).click();
  await expect(tend.heading()).toHaveText('Python');
  await page.getByRole('main').getByRole('link', { name: 'Delete' }).click();
  await expect(page.getByText('What should happen to them?')).toBeVisible();
  await tend.open('users');
  await page.getByRole('link', { name: 'New user' }).click();
  await tend.fillUser('Ann', 'ann@example.com');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(tend.heading()).toHaveText('Ann');
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('link', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/users$/);
  for (const id of NO_SUCH_IDS) {
    await tend.open(`users/${id}`);
    await expect(tend.heading()).toHaveText('Not found');
  }
}

test.describe('Security', () => {
  test('no request leaves the origin while every view is used', async ({ page, context, baseURL }) => {
    const origin = new URL(baseURL ?? '').origin;
    const requested: string[] = [];
    context.on('request', (request) => requested.push(request.url()));
    await useEveryView(new Tend(page));
    expect(requested.length).toBeGreaterThan(5);
    const elsewhere = requested.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
    expect(elsewhere).toEqual([]);
  });

  test('the page has a script-src self policy, one inline script allowed by its hash, and nothing violates the policy', async ({ page, request }) => {
    const html = await (await request.get('/users')).text();
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&#39;', "'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    // The early open of the database (vite.config.ts), and no other: the policy names its hash.
    const inline = inlineScripts(html);
    expect(inline).toHaveLength(1);
    expect(inline[0]).toContain('indexedDB.open(');
    expect(policy).toContain(`script-src 'self' 'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}';`);

    const violations = await watchViolations(page);
    await useEveryView(new Tend(page));
    expect(await violations()).toEqual([]);
  });

  test('the policy is enforced: an injected inline script does not run', async ({ page }) => {
    const violations = await watchViolations(page);
    await new Tend(page).open();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
    });
    await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src/));
    expect(await page.evaluate(() => (window as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  });

  test('as headers from a static host, the policy also allows every view and forbids framing', async ({ page, browser }) => {
    const tend = await serveStatic('dist', { hostHeaders: true });
    // Another site that tries to show Tend in a frame.
    const framer = await serveStatic('tests/e2e/fixtures/framer');
    try {
      const response = await page.goto(`${tend.url}users`);
      const header = response?.headers()['content-security-policy'] ?? '';
      expect(header).toContain("script-src 'self'");
      expect(header).toContain("frame-ancestors 'none'");
      const violations = await watchViolations(page);
      await useEveryView(new Tend(page, tend.url));
      expect(await violations()).toEqual([]);

      const other = await browser.newPage();
      const blocked = other.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
      await other.goto(`${framer.url}?src=${encodeURIComponent(tend.url)}`);
      await blocked;
      expect(await other.frameLocator('iframe').getByRole('heading').count()).toBe(0);
      await other.close();
    } finally {
      await tend.close();
      await framer.close();
    }
  });
});
