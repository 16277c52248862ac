// Locates (and if need be installs) a Chromium that Playwright can drive.
//
// Playwright normally downloads its own browser, but that is not always
// possible (offline CI, registry-only network). We therefore prefer
// Playwright's bundled Chromium when it is present and otherwise fall back to
// a system Chromium.
//
// Usage: node scripts/chromium.mjs --ensure

import { spawnSync } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Flags that keep a test browser quiet, deterministic and usable as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const HOW_TO_FIX =
  'No Chromium found for the end-to-end tests. Install Chromium ' +
  '(Debian/Ubuntu: `sudo apt-get install chromium`; or `npx playwright install chromium` ' +
  'where downloads are allowed), or set CHROMIUM_PATH=/path/to/chrome to an existing ' +
  'Chromium/Chrome executable.';

/**
 * @param {string | undefined} file
 * @returns {file is string}
 */
function isExecutable(file) {
  if (!file) return false;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @returns {string | undefined} */
function playwrightChromium() {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * Absolute path of a usable Chromium executable, or undefined if none exists.
 * @returns {string | undefined}
 */
export function findChromium() {
  const candidates = [playwrightChromium(), process.env.CHROMIUM_PATH, ...SYSTEM_CANDIDATES];
  return candidates.find(isExecutable);
}

/**
 * @param {string[]} args
 * @returns {boolean}
 */
function aptGet(args) {
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** @returns {boolean} */
function canInstallWithApt() {
  if (process.platform !== 'linux') return false;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Like findChromium(), but installs Debian's Chromium with apt-get when running
 * as root on Linux and nothing is found. Throws an Error explaining what to do
 * when no Chromium can be provided.
 * @returns {string}
 */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;

  if (process.env.CHROMIUM_PATH) {
    console.warn(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file; ignoring it.`);
  }

  if (canInstallWithApt()) {
    console.log('No Chromium found; installing it with apt-get ...');
    const installed =
      aptGet(['install', '-y', 'chromium']) ||
      (aptGet(['update']) && aptGet(['install', '-y', 'chromium']));
    const path = findChromium();
    if (path) return path;
    throw new Error(
      `${installed ? 'apt-get installed chromium, but no executable was found afterwards.' : '`apt-get install -y chromium` failed.'} ${HOW_TO_FIX}`,
    );
  }

  throw new Error(HOW_TO_FIX);
}

/** @returns {boolean} */
function isMain() {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isMain() && process.argv.includes('--ensure')) {
  try {
    console.log(`Using Chromium at ${ensureChromium()}`);
    process.exit(0);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
