import { expect, test, type Page } from '@playwright/test';
import { launchPersistent, waitForServiceWorkerControl, type PersistentBrowser } from './support/browser';
import { serveStatic, type StaticServer } from './support/server';

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; purpose?: string }[];
}

async function installabilityErrors(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  return installabilityErrors;
}

// Chromium only calls an app installable in a real (persistent) profile, never in incognito.
for (const build of [
  { name: 'at the root', dir: 'dist', base: '/' },
  { name: 'under /tend/', dir: 'dist-tend', base: '/tend/' },
]) {
  test.describe(`Installing Tend served ${build.name}`, () => {
    let browser: PersistentBrowser;
    let server: StaticServer;

    test.beforeEach(async () => {
      server = await serveStatic(build.dir, { base: build.base });
      browser = await launchPersistent();
    });

    test.afterEach(async () => {
      await browser.close();
      await server.close();
    });

    test('Chromium reports no installability errors and the manifest follows the base', async () => {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      await waitForServiceWorkerControl(page);
      await expect.poll(() => installabilityErrors(page)).toEqual([]);

      const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
      const manifestUrl = new URL(manifestHref ?? '', page.url());
      const manifest = (await (await page.request.get(manifestUrl.href)).json()) as Manifest;
      expect(manifest).toMatchObject({
        name: 'Tend',
        short_name: 'Tend',
        start_url: build.base,
        scope: build.base,
        display: 'standalone',
      });
      expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

      // Icons of 192 and 512 px and a maskable one, each served as a PNG of that size.
      const sizes = manifest.icons.map((icon) => `${icon.sizes}${icon.purpose === 'maskable' ? ' maskable' : ''}`);
      expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
      for (const icon of manifest.icons) {
        const response = await page.request.get(new URL(icon.src, manifestUrl).href);
        expect(response.headers()['content-type']).toBe('image/png');
        const png = await response.body();
        const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
        expect(`${width}x${height}`).toBe(icon.sizes);
      }

      const appleIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
      expect((await page.request.get(new URL(appleIcon ?? '', page.url()).href)).ok()).toBe(true);
      await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute('content', /^#[0-9a-f]{6}$/i);
    });

    test('an Install button appears when the browser offers installation and goes once installed', async () => {
      const page = await browser.context.newPage();
      // The offer is the browser's own; only prompt() is watched, as headless has no dialog to show.
      await page.addInitScript(() => {
        const offer = (window as unknown as { BeforeInstallPromptEvent: { prototype: { prompt(): Promise<void> } } })
          .BeforeInstallPromptEvent;
        offer.prototype.prompt = async () => {
          (window as { __promptShown?: boolean }).__promptShown = true;
        };
      });
      await page.goto(server.url);
      const install = page.getByRole('button', { name: 'Install' });
      await expect(install).toBeVisible();
      await install.click();
      expect(await page.evaluate(() => (window as { __promptShown?: boolean }).__promptShown)).toBe(true);
      // A prompt can be used once; the browser makes a new offer if the person said no.
      await expect(install).toHaveCount(0);

      await page.reload();
      await expect(install).toBeVisible();
      // What the browser announces once Tend is installed.
      await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
      await expect(install).toHaveCount(0);
    });
  });
}
