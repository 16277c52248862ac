// Browser helpers for tests that need a real (non-incognito) profile, e.g. to
// check installability or service-worker behaviour across restarts.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';

export interface PersistentBrowser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh, throw-away user-data dir. Persistent
 * contexts are needed because Chromium never considers an app installable in
 * an incognito (default Playwright) context.
 */
export async function launchPersistent(): Promise<PersistentBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'tend-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
      headless: true,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      try {
        await context.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
      }
    },
  };
}

/**
 * Waits until the page is controlled by a service worker
 * (navigator.serviceWorker.controller is non-null), for at most 15 s.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async (timeoutMs: number) => {
    const sw = navigator.serviceWorker;
    const timeout = (what: string): Promise<never> =>
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs),
      );

    await Promise.race([sw.ready, timeout('navigator.serviceWorker.ready (is a service worker registered?)')]);
    if (sw.controller) return;

    await Promise.race([
      new Promise<void>((resolve) => {
        sw.addEventListener('controllerchange', () => resolve(), { once: true });
        if (sw.controller) resolve();
      }),
      timeout(
        'the service worker to control the page (controllerchange); ' +
          'does it call clients.claim()? Otherwise reload the page first',
      ),
    ]);
  }, 15_000);
}
