// `npm run bench`: builds Tend, drives the production build and a bench harness in headless
// Chromium, and sets each figure next to the plainest raw IndexedDB (or a blank page) doing
// the same work in the same run. Writes bench/results.json, bench/results.md and the chart
// bench/results.svg (bench/chart.mjs), and prints the table.
//
//   npm run bench                       everything (about 6–8 minutes on 2 cores)
//   npm run bench -- --sizes=10000      one size only
//   npm run bench -- --only=reads,app   import | reads | upgrade | app | sizes | sync (comma-separated)
//   npm run bench -- --no-build         reuse bench/.build from the last run
//   npm run bench -- --quick            one run of each figure, to try it out
//   npm run bench -- --only=sync --merge  this run's figures in place of the same ones in
//                                       bench/results.json, the other figures kept
//   node bench/chart.mjs                redraw bench/results.svg from bench/results.json
//
// Builds go to bench/.build only (never dist/): app (the normal production build), harness
// and harness-next (bench/harness.ts at the latest schema, and one version later with VITE_TEST_SCHEMA_VERSION=1).
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import sirv from 'sirv';
import { firstScreenSize, precacheSize } from '../scripts/bundle-size.mjs';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { forward } from '../scripts/proxy.mjs';
import { basicAuth, createHousehold, startSyncServer } from '../scripts/sync-server.mjs';
import { drawChart } from './chart.mjs';
import { mergeResults, runLines, sortFigures } from './results.mjs';
import config from './config.mjs';
import { seedRows } from './data.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const project = join(here, '..');
const out = join(here, '.build');
const started = performance.now();

const argv = process.argv.slice(2);
const option = (name) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const sizes = option('sizes')?.split(',').map(Number) ?? config.sizes;
const only = new Set(option('only')?.split(',') ?? ['import', 'reads', 'upgrade', 'app', 'sizes', 'sync']);
const build = !argv.includes('--no-build');
// --merge: this run's figures replace the same figures in bench/results.json, the rest kept.
const merge = argv.includes('--merge');

const log = (...parts) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s]`, ...parts);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
// --quick: one run of everything (a few of the cheap reads), to try the bench out, not to quote.
const quick = argv.includes('--quick');
const runsAt = (size) => {
  const runs = config.runs[size] ?? config.runs[config.sizes[0]];
  return quick ? Object.fromEntries(Object.entries(runs).map(([key, value]) => [key, Math.min(value, key === 'reads' ? 5 : 1)])) : runs;
};

// ------------------------------------------------------------------------------------ builds

function vite(args, env = {}) {
  const result = spawnSync(join(project, 'node_modules/.bin/vite'), args, {
    cwd: project,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

function buildAll() {
  log('building the app (bench/.build/app) and the harness at the latest schema and one version later');
  // The test-only version must not leak into the normal builds from the caller's environment.
  const plain = { VITE_TEST_SCHEMA_VERSION: '' };
  vite(['build', '--outDir', join(out, 'app'), '--emptyOutDir', '--logLevel', 'warn'], plain);
  vite(['build', '-c', join(here, 'vite.bench.config.ts')], { ...plain, BENCH_OUT: join(out, 'harness') });
  vite(['build', '-c', join(here, 'vite.bench.config.ts')], { BENCH_OUT: join(out, 'harness-next'), VITE_TEST_SCHEMA_VERSION: '1' });
  mkdirSync(join(out, 'blank'), { recursive: true });
  cpSync(join(here, 'blank'), join(out, 'blank'), { recursive: true });
}

// ----------------------------------------------------------------------------------- servers

/**
 * A static server on its own port (so its own origin: the app's service worker never sees
 * the harness or the blank page). No HTTP caching, as on a first visit; `single` answers
 * unknown paths with index.html like a host configured for Tend's deep links. `proxy` forwards
 * every request under a prefix to another server, the prefix removed (scripts/proxy.mjs): the
 * sync server under the site's own origin, at /couchdb/, as a household's host puts it.
 */
function serve(dir, { single = false, headers = {}, proxy = {} } = {}) {
  const files = sirv(dir, { dev: true, etag: false, single });
  const proxies = Object.entries(proxy).map(([prefix, target]) => ({ prefix, target: new URL(target) }));
  const forwarded = new Set();
  const server = createServer((req, res) => {
    const proxied = proxies.find(({ prefix }) => req.url?.startsWith(prefix));
    if (proxied) return forward(req, res, proxied.target, req.url.slice(proxied.prefix.length - 1), forwarded);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    files(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            for (const outgoing of forwarded) outgoing.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

// ------------------------------------------------------------------------------------ figures

let results = { machine: {}, config, figures: [], details: {} };

/**
 * One row of the table. `tend` and `floor` are arrays of runs (their medians are shown) or
 * single values; `max` is the target for tend ÷ floor, or `absolute` for a plain limit.
 */
function figure({ id, work, size, unit, tend, floor, max, absolute, note }) {
  const tendRuns = Array.isArray(tend) ? tend : [tend];
  const floorRuns = floor === undefined ? undefined : Array.isArray(floor) ? floor : [floor];
  const tendValue = median(tendRuns);
  const floorValue = floorRuns && median(floorRuns);
  const ratio = floorValue ? tendValue / floorValue : undefined;
  let met;
  if (absolute !== undefined) met = tendValue <= absolute;
  else if (max !== undefined && ratio !== undefined) met = ratio <= max;
  const entry = {
    id,
    work,
    size,
    unit,
    tend: tendValue,
    floor: floorValue,
    ratio,
    target: absolute !== undefined ? { absolute } : max !== undefined ? { ratio: max } : undefined,
    met,
    runs: { tend: tendRuns, floor: floorRuns },
    note,
  };
  results.figures.push(entry);
  const shown = format(entry);
  log(`${work}${size === undefined ? '' : ` @ ${size.toLocaleString('en')}`}: ${shown.tend} vs ${shown.floor} → ${shown.ratio} ${shown.met}`);
  return entry;
}

function number(value, unit) {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (unit === 'reads') return String(value);
  if (unit === 'kB' || unit === 'MB') return `${value.toFixed(1)} ${unit}`;
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

function format(entry) {
  const { target: goal } = entry;
  const target = goal?.text ?? (goal?.absolute !== undefined ? `≤ ${goal.absolute} ${entry.unit}` : goal?.ratio !== undefined ? `≤ ${goal.ratio}×` : '–');
  return {
    tend: number(entry.tend, entry.unit),
    floor: entry.floor === undefined ? '–' : number(entry.floor, entry.unit),
    ratio: entry.ratio === undefined ? '–' : `${entry.ratio.toFixed(2)}×`,
    target,
    met: entry.met === undefined ? '' : entry.met ? 'yes' : '**no**',
  };
}

function table() {
  const lines = ['| # | Work | To-dos | Tend | Floor | Tend ÷ floor | Target | Met |', '|---|---|---:|---:|---:|---:|---:|:---:|'];
  for (const entry of results.figures) {
    const shown = format(entry);
    const size = entry.size === undefined ? '' : entry.size.toLocaleString('en');
    lines.push(`| ${entry.id} | ${entry.work} | ${size} | ${shown.tend} | ${shown.floor} | ${shown.ratio} | ${shown.target} | ${shown.met} |`);
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------------------------ browser

let executablePath;

/**
 * A fresh browser with a fresh profile on disk, per scenario. Not an off-the-record context:
 * those keep IndexedDB in an in-memory LevelDB whose writes slow down as it grows (20,000
 * puts took 31 s in one here, about 1 s on disk), which no installed Tend ever sees.
 * `profile` starts from a copy of a profile saved earlier (a seeded database).
 */
async function launch(profile) {
  const dir = mkdtempSync(join(os.tmpdir(), 'tend-bench-'));
  if (profile) cpSync(profile, dir, { recursive: true });
  const context = await chromium.launchPersistentContext(dir, { executablePath, args: CHROMIUM_ARGS, headless: true });
  context.setDefaultTimeout(300_000);
  return {
    context,
    dir,
    /** Closes the browser; keeps the profile when asked (to copy it later), else deletes it. */
    async close({ keep = false } = {}) {
      await context.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function collectGarbage(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

// --------------------------------------------------------------------------- harness figures

async function openHarness(server, folder, profile) {
  const browser = await launch(profile);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (error) => log(`harness page error: ${error.message}`));
  await page.goto(`${server.origin}/${folder}/harness.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const call = (name, ...args) => page.evaluate(([name, args]) => window.bench[name](...args), [name, args]);
  return { ...browser, page, call };
}

/**
 * One timed call in a browser of its own: `setup` (untimed), a garbage collection, then
 * `bench[name](...args)`. Writes that big are measured this way because IndexedDB keeps every
 * database of an origin in one LevelDB: rows deleted by the run before would otherwise still
 * be compacting under the next one.
 */
async function once(server, { folder = 'harness', profile, setup, keep }, name, ...args) {
  const harness = await openHarness(server, folder, profile);
  let kept = false;
  try {
    await setup?.(harness.call);
    await collectGarbage(harness.page);
    const result = await harness.call(name, ...args);
    kept = Boolean(keep);
    if (keep) keep(harness.dir);
    return result;
  } finally {
    await harness.close({ keep: kept });
  }
}

/**
 * Per size, a profile holding a full database at the latest version, of the harness's origin: the one the
 * last import through Tend left, else one seeded raw. The reads and the upgrades run on
 * copies of it, reopened: straight after writing 120,000 rows, LevelDB compacts for a while
 * and every read in the meantime is slower and far noisier.
 */
const profiles = new Map();

function keepImported(size, dir) {
  const previous = profiles.get(size);
  if (previous) rmSync(previous, { recursive: true, force: true });
  profiles.set(size, dir);
}

async function baseProfile(server, size) {
  if (!profiles.has(size)) {
    const base = await openHarness(server, 'harness');
    await base.call('prepare', size);
    await base.call('seed');
    await base.close({ keep: true });
    profiles.set(size, base.dir);
  }
  return profiles.get(size);
}

/** Runs `a` and `b` `runs` times each, alternating which goes first. */
async function alternate(runs, a, b) {
  const first = [];
  const second = [];
  for (let i = 0; i < runs; i++) {
    for (const run of i % 2 === 0 ? [a, b] : [b, a]) (run === a ? first : second).push(await run());
  }
  return [first, second];
}

const medians = (list, keys) => Object.fromEntries(keys.map((key) => [key, median(list.map((each) => each[key]))]));

async function importFigures(server, size) {
  const runs = runsAt(size);
  const setup = async (call) => {
    await call('prepare', size);
    await call('reset');
  };
  const [tendImports, rawImports] = await alternate(
    runs.import,
    () => once(server, { setup, keep: (dir) => keepImported(size, dir) }, 'tendImport'),
    () => once(server, { setup }, 'rawImport'),
  );
  results.details[`import@${size}`] = {
    tend: medians(tendImports, ['ms', 'check', 'write']),
    floor: medians(rawImports, ['ms', 'parse', 'write']),
  };
  figure({
    id: 1,
    work: 'Import every row (readBackup + importBackup replace vs JSON.parse + put in one transaction)',
    size,
    unit: 'ms',
    tend: tendImports.map((run) => run.ms),
    floor: rawImports.map((run) => run.ms),
    max: config.targets.import,
  });
  figure({
    id: '1a',
    work: '… checking the file only (readBackup vs JSON.parse)',
    size,
    unit: 'ms',
    tend: tendImports.map((run) => run.check),
    floor: rawImports.map((run) => run.parse),
    max: config.targets.readBackup,
  });
  figure({
    id: '1b',
    work: '… writing only (importBackup vs the puts)',
    size,
    unit: 'ms',
    tend: tendImports.map((run) => run.write),
    floor: rawImports.map((run) => run.write),
  });
}

async function readFigures(server, size) {
  const runs = runsAt(size);
  const harness = await openHarness(server, 'harness', await baseProfile(server, size));
  const { call } = harness;
  try {
    const prepared = await call('prepare', size);
    results.details[`data@${size}`] = prepared;
    log(`harness @ ${size}: ${JSON.stringify(prepared.counts)}, backup file ${(prepared.backupBytes / 1e6).toFixed(1)} MB`);

    // Where readBackup's time goes (it writes nothing, so it can run here, on the full database).
    const steps = [];
    for (let i = 0; i < runs.importSteps; i++) {
      await collectGarbage(harness.page);
      steps.push(await call('tendImportSteps'));
    }
    results.details[`importSteps@${size}`] = medians(steps, ['parse', 'plainParse', 'envelope', 'rowChecks']);

    // 2–4. Pages, after a discarded round that lets the reopened database settle.
    await call('compareReads', ['todos-first', 'todos-last', 'search', 'posts'], 10);
    const reads = await call('compareReads', ['todos-first', 'todos-last', 'search', 'posts'], runs.reads);
    // Counts cost far more at 100,000 rows, so they get fewer rounds of their own.
    Object.assign(reads, await call('compareReads', ['counts'], runs.counts, 1));
    results.details[`reads@${size}`] = Object.fromEntries(Object.entries(reads).map(([kind, r]) => [kind, { firstId: r.firstId, floorRequests: r.floorRequests }]));
    figure({ id: '2a', work: 'To-do list, first page of 50 with owner and category names', size, unit: 'ms', tend: reads['todos-first'].tend, floor: reads['todos-first'].floor, max: config.targets.page });
    figure({ id: '2b', work: 'To-do list, last page of 50', size, unit: 'ms', tend: reads['todos-last'].tend, floor: reads['todos-last'].floor, max: config.targets.page });
    figure({
      id: '2c',
      work: 'Last page ÷ first page (Tend; floor column: Tend’s first page)',
      size,
      unit: 'ms',
      tend: reads['todos-last'].tend,
      floor: reads['todos-first'].tend,
      max: config.targets.lastVsFirst,
    });
    figure({ id: 3, work: 'Search titles starting “bu”, ignoring case, first page', size, unit: 'ms', tend: reads.search.tend, floor: reads.search.floor, max: config.targets.search });
    figure({ id: '4a', work: 'Posts, newest page of 50 with category and author names', size, unit: 'ms', tend: reads.posts.tend, floor: reads.posts.floor, max: config.targets.page });
    const postReads = await call('countReads', 'posts');
    const todoReads = await call('countReads', 'todos-first');
    results.details[`readsPerPage@${size}`] = { posts: postReads, todos: todoReads, floorPosts: reads.posts.floorRequests, floorTodos: reads['todos-first'].floorRequests };
    const batched = ['categories', 'users'].every(
      (table) => postReads.filter((read) => read.startsWith(`${table}.`)).length === 1 && postReads.some((read) => read.startsWith(`${table}.getMany`)),
    );
    const postsEntry = figure({
      id: '4b',
      work: 'Posts page: IndexedDB reads per page (Tend: page query + one getMany per related table; floor: getAll + one get per distinct row)',
      size,
      unit: 'reads',
      tend: postReads.length,
      floor: reads.posts.floorRequests,
    });
    postsEntry.met = batched && postReads.length === 3;
    postsEntry.ratio = undefined;
    postsEntry.target = { text: '1 per related table' };
    postsEntry.note = postReads.join(', ');

    // 5. Toggle, data path only (the end-to-end figure comes from the app).
    const live = await call('tendToggleLive', runs.toggleLive);
    const rawToggle = await call('rawToggle', runs.toggleLive);
    figure({ id: '5b', work: '… of which data path: setDone → liveQuery emits the page (no UI)', size, unit: 'ms', tend: live, floor: rawToggle });
    figure({
      id: '5c',
      work: '… the two counts the to-do screen keeps live (items left, completed), kept in one row, vs a raw get of that row',
      size,
      unit: 'ms',
      tend: reads.counts.tend,
      floor: reads.counts.floor,
      max: config.targets.counts,
    });
    // The floor for 5a (through the UI) is the same raw put + page read.
    return rawToggle;
  } finally {
    await harness.close();
  }
}

async function upgradeFigures(server, size) {
  const runs = runsAt(size);
  // Every run starts from a copy of the full profile at the latest version, in a browser of its own (an
  // upgrade cannot be undone, and seeding costs more than copying). The last user of it.
  const baseDir = await baseProfile(server, size);
  profiles.delete(size);
  const from = { folder: 'harness-next', profile: baseDir };
  try {
    // The floor is the faster of the two plain rewrites here: getAll, then put every row.
    const [tendRuns, rawRuns] = await alternate(
      runs.upgrade,
      () => once(server, from, 'tendUpgrade'),
      () => once(server, from, 'rawUpgrade', 'bulk'),
    );
    const cursor = [];
    for (let i = 0; i < runs.upgradeCursor; i++) cursor.push(await once(server, from, 'rawUpgrade', 'cursor'));
    results.details[`upgrade@${size}`] = {
      openDatabase: median(tendRuns.map((run) => run.ms)),
      snapshot: median(tendRuns.map((run) => run.snapshot)),
      upgradeAlone: median(tendRuns.map((run) => run.upgrade)),
      rawBulk: median(rawRuns.map((run) => run.ms)),
      rawCursor: cursor.length > 0 ? median(cursor.map((run) => run.ms)) : undefined,
    };
    figure({
      id: '6a',
      work: 'Upgrade 8 → 9 rewriting every to-do: openDatabase (snapshot + upgrade) vs raw versionchange rewrite (getAll + put)',
      size,
      unit: 'ms',
      tend: tendRuns.map((run) => run.ms),
      floor: rawRuns.map((run) => run.ms),
      max: config.targets.upgrade,
    });
    figure({ id: '6b', work: '… of which the snapshot (takeSnapshot, from openDatabase’s start to its db.open())', size, unit: 'ms', tend: tendRuns.map((run) => run.snapshot) });
    figure({
      id: '6c',
      work: '… of which the Dexie upgrade (db.open()) vs the same raw rewrite',
      size,
      unit: 'ms',
      tend: tendRuns.map((run) => run.upgrade),
      floor: rawRuns.map((run) => run.ms),
      max: config.targets.upgrade,
    });
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
  }
}

/**
 * The upgrade every device that had Tend before UUIDs runs once: version 4 → 8 re-keys every
 * row of every table (versions 5 and 6; 7 adds sync's device tables, 8 the to-do counts, which
 * it counts once). Each run starts from a copy of one version 4 profile.
 */
async function rekeyFigures(server, size) {
  const runs = runsAt(size);
  const base = await openHarness(server, 'harness');
  await base.call('prepare', size);
  await base.call('seedVersion4');
  await base.close({ keep: true });
  const from = { folder: 'harness', profile: base.dir };
  try {
    const [tendRuns, rawRuns] = await alternate(
      runs.rekey,
      () => once(server, from, 'tendRekey'),
      () => once(server, from, 'rawRekey'),
    );
    results.details[`rekey@${size}`] = medians(tendRuns, ['ms', 'snapshot', 'upgrade']);
    figure({
      id: '6d',
      work: 'Upgrade 4 → 8 giving every row of every table a UUIDv7, links and old numbers kept: openDatabase (snapshot + upgrade) vs one raw versionchange (getAll, make each store again, put)',
      size,
      unit: 'ms',
      tend: tendRuns.map((run) => run.ms),
      floor: rawRuns.map((run) => run.ms),
      max: config.targets.upgrade,
    });
    figure({
      id: '6e',
      work: '… of which the Dexie upgrade (db.open(): re-key into new tables, then back under their names) vs the same raw versionchange',
      size,
      unit: 'ms',
      tend: tendRuns.map((run) => run.upgrade),
      floor: rawRuns.map((run) => run.ms),
    });
  } finally {
    rmSync(base.dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------- app figures

/** Notes when the first to-do row (or the blank page's row) is in the DOM, from navigation start. */
function readyProbe() {
  const mark = () => {
    if (window.__benchReady === undefined && document.querySelector('ul[aria-label="To-dos"] > li')) {
      window.__benchReady = performance.now();
      window.__benchResources = performance.getEntriesByType('resource').map((entry) => entry.name);
    }
    // Tend's own list in place of the start's picture of it (src/lib/todos/first-screen.ts):
    // from here a click is the app's. The blank pages have no app, and end with their first row.
    const app = document.getElementById('app');
    const live = app ? !document.getElementById('first-screen') && app.querySelector('ul[aria-label="To-dos"] > li') : window.__benchReady !== undefined;
    if (live) {
      window.__benchLive = performance.now();
      observer.disconnect();
      // load() waits for this message (LIVE_MESSAGE; this function runs in the page, on its own).
      console.debug('tend-bench: live');
    }
  };
  // Whether a service worker answered this navigation (one may claim the page later, once it
  // has installed, which does not make this load a warm one).
  window.__benchControlled = Boolean(navigator.serviceWorker?.controller);
  const observer = new MutationObserver(mark);
  observer.observe(document, { childList: true, subtree: true });
}

/** What readyProbe logs once the page is live. */
const LIVE_MESSAGE = 'tend-bench: live';

/**
 * Opens `url` in a new page and waits until it is live. It listens for the probe's message
 * rather than asking the page: Playwright's first call into a page runs its own script there
 * (about 8 ms of the page's main thread), which would land on the start being measured.
 */
async function load(context, url) {
  const page = await context.newPage();
  const live = page.waitForEvent('console', { predicate: (message) => message.text() === LIVE_MESSAGE });
  await page.goto(url, { waitUntil: 'commit' });
  await live;
  const probe = await page.evaluate(() => ({ ms: window.__benchReady, live: window.__benchLive, controlled: window.__benchControlled, resources: window.__benchResources }));
  return { page, ...probe };
}

/**
 * A load with no service worker and no HTTP cache. Should Chromium still hold a worker it was
 * told to forget (a page it controlled still closing), the load is thrown away and retried.
 */
async function coldLoad(context, url, origins) {
  for (let attempt = 1; ; attempt++) {
    const page = await context.newPage();
    await forgetWorkers(page, origins);
    await page.close();
    const loaded = await load(context, url);
    if (!loaded.controlled) return loaded;
    await loaded.page.close();
    if (attempt === 5) throw new Error(`${url}: every "cold" start was served by a service worker`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Waits until IndexedDB has nothing left to do for this page. Chromium runs an origin's
 * IndexedDB requests one after another, so a trivial read issued now completes only after
 * whatever the to-do screen started once its page was shown (the counts took about a second
 * at 100,000 to-dos before they were kept in a row). A page closed earlier would leave such
 * reads running, and the next start's first `indexedDB.open` would queue behind them: every
 * start begins with IndexedDB idle.
 */
async function settle(page) {
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('tend');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('todos', 'readonly');
          tx.objectStore('todos').get(1);
          tx.oncomplete = () => {
            db.close();
            resolve(undefined);
          };
        };
      }),
  );
}

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, { timeout: 60_000 });
  // The first worker claims the page as soon as it activates, after precaching everything.
  await page.evaluate(() => navigator.serviceWorker.ready);
}

async function forgetWorkers(page, origins) {
  const cdp = await page.context().newCDPSession(page);
  for (const origin of origins) await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'service_workers,cache_storage' });
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

async function heapOf(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}

const firstTodo = (page) => page.getByRole('list', { name: 'To-dos' }).getByRole('listitem').first().waitFor();

async function heapRuns(context, url, runs, ready) {
  const sizes = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    await page.goto(url);
    await ready(page);
    // Let live queries, the worker registration and lazy chunks settle.
    await page.waitForTimeout(1000);
    await settle(page);
    sizes.push(await heapOf(page));
    await page.close();
  }
  return sizes;
}

let heapAtZero;

async function emptyAppFigures(app) {
  const browser = await launch();
  const { context } = browser;
  await context.addInitScript(readyProbe);
  heapAtZero = await heapRuns(context, `${app.origin}/`, runsAt(config.sizes[0]).heap, (page) =>
    page.getByRole('button', { name: 'Load sample data' }).waitFor(),
  );
  results.details.heapAtZero = heapAtZero;
  log(`heap with the list open at 0 to-dos: ${median(heapAtZero).toFixed(2)} MB`);
  await browser.close();
}

/** Tend's stores and indexes as IndexedDB has them (run in a page of the app's origin). */
function describeTend() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('tend');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction([...db.objectStoreNames], 'readonly');
      const stores = [...db.objectStoreNames].map((name) => {
        const store = tx.objectStore(name);
        const indexes = [...store.indexNames].map((index) => {
          const { keyPath, unique, multiEntry } = store.index(index);
          return { name: index, keyPath, unique, multiEntry };
        });
        return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
      });
      db.close();
      resolve({ version: db.version, stores });
    };
  });
}

/** Makes an empty database of that shape on another origin (run in a page of that origin). */
function makeTendLike({ version, stores }) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('tend', version);
    open.onerror = () => reject(open.error);
    open.onupgradeneeded = () => {
      for (const { name, keyPath, autoIncrement, indexes } of stores) {
        const store = open.result.createObjectStore(name, { keyPath, autoIncrement });
        for (const index of indexes) store.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    };
    open.onsuccess = () => {
      open.result.close();
      resolve(undefined);
    };
  });
}

/** The prepared rows of this size as Tend stores them, made by the harness with Tend's row code. */
async function storedRows(server, size) {
  const harness = await openHarness(server, 'harness');
  try {
    await harness.call('prepare', size);
    return await harness.call('rows');
  } finally {
    await harness.close();
  }
}

async function appFigures(app, blank, size, rawToggle, harnessServer) {
  const tables = await storedRows(harnessServer, size);
  const runs = runsAt(size);
  const browser = await launch();
  const { context } = browser;
  await context.addInitScript(readyProbe);
  let page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => log(`app page error: ${error.message}`));
  await page.goto(`${app.origin}/`);
  // Tend has created its (empty) database; fill it raw, then start again.
  await page.getByRole('button', { name: 'Load sample data' }).waitFor();
  // The same database on the blank page's origin, for the plain first page (figure 7d). Filled
  // first, so that it has as long as Tend's own to settle (LevelDB compacts after big writes).
  const shape = await page.evaluate(describeTend);
  const blankPage = await context.newPage();
  await blankPage.goto(`${blank.origin}/blank.html`);
  await blankPage.evaluate(makeTendLike, shape);
  await blankPage.evaluate(seedRows, { tables, into: 'tend' });
  await blankPage.close();
  const seeded = await page.evaluate(seedRows, { tables, into: 'tend' });
  log(`app @ ${size}: seeded ${JSON.stringify(seeded)} (and the blank page's origin alike)`);
  await page.reload();
  await firstTodo(page);
  await page.getByRole('checkbox', { name: /^Done: / }).first().waitFor();
  // Straight after writing 120,000 rows LevelDB compacts for a while, and a write then takes
  // ten times as long now and then: the toggles start once that has mostly passed, and follow
  // each other at a person's pace. (When "N items left" took a second to follow a toggle, that
  // second spaced them; without it, toggles 0.1 s apart at 100,000 to-dos measured 63 ms.)
  await page.waitForTimeout(size >= 100_000 ? 15_000 : 3_000);

  // 5. Toggle through the UI: click the first row's checkbox until its row shows it done (or not).
  const toggles = [];
  for (let i = 0; i <= runs.toggle; i++) {
    const itemsLeftBefore = await page.evaluate(() => Number(document.querySelector('.todo-footer [role="status"]')?.textContent?.replace(/\D/g, '')));
    const ms = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const list = document.querySelector('ul[aria-label="To-dos"]');
          const first = () => list.querySelector(':scope > li');
          const row = first();
          const want = !row.classList.contains('done');
          const observer = new MutationObserver(() => {
            if (first()?.classList.contains('done') === want) {
              observer.disconnect();
              resolve(performance.now() - t0);
            }
          });
          observer.observe(list, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
          setTimeout(() => reject(new Error('the toggle never showed')), 10_000);
          const t0 = performance.now();
          row.querySelector('input[type="checkbox"]').click();
        }),
    );
    if (i > 0) toggles.push(ms);
    // Wait for the rest of the screen ("N items left" and the other live counts) to catch up,
    // so the next toggle does not queue behind this one's reads.
    await page.waitForFunction((before) => {
      const left = Number(document.querySelector('.todo-footer [role="status"]')?.textContent?.replace(/\D/g, ''));
      return left !== before;
    }, itemsLeftBefore);
    await settle(page);
    await page.waitForTimeout(1000);
  }
  // The worker this first visit installed must be in place before the cold starts remove it,
  // or it could finish installing after its removal and serve a "cold" start.
  await controlled(page);
  figure({
    id: '5a',
    work: 'Toggle a to-do until its row shows it (click → liveQuery → DOM) vs raw put + raw page read',
    size,
    unit: 'ms',
    tend: toggles,
    floor: rawToggle,
    max: config.targets.toggle,
  });
  await page.close();

  // 7. Start: cold (no worker, no HTTP cache: the network) and warm (the worker in control),
  // each next to the blank page served the same way, interleaved so both see the same machine.
  const cold = [];
  const warm = [];
  const warmLive = [];
  const blankCold = [];
  const blankWarm = [];
  const plainWarm = [];
  let firstScreen;
  const blankUrl = `${blank.origin}/blank.html`;
  for (let i = 0; i <= runs.start; i++) {
    const appCold = await coldLoad(context, `${app.origin}/`, [app.origin, blank.origin]);
    firstScreen ??= appCold.resources;
    await controlled(appCold.page);
    await settle(appCold.page);
    await appCold.page.close();
    const bCold = await load(context, blankUrl);
    await controlled(bCold.page);
    await bCold.page.close();
    const appWarm = await load(context, `${app.origin}/`);
    // Tend's live reads run on after its first page: IndexedDB is left idle before the next
    // page, or the plain first page's reads would queue behind them.
    await settle(appWarm.page);
    await appWarm.page.close();
    const bWarm = await load(context, blankUrl);
    // Chromium keeps an origin's IndexedDB open for 2 s after its last connection closes, and
    // Tend's warm start comes within that of its cold one. The plain page gets the same: its
    // origin's database is opened just before it (reopening a closed one costs 0.1 s at
    // 10,000 to-dos and 0.5-0.9 s at 100,000, in plain code as in Tend).
    await settle(bWarm.page);
    const pWarm = await load(context, `${blank.origin}/first-page.html`);
    if (!appWarm.controlled || !bWarm.controlled || !pWarm.controlled) throw new Error('a warm start was not served by its service worker');
    await settle(pWarm.page);
    await pWarm.page.close();
    await bWarm.page.close();
    if (i > 0) {
      cold.push(appCold.ms);
      warm.push(appWarm.ms);
      warmLive.push(appWarm.live);
      blankCold.push(bCold.ms);
      blankWarm.push(bWarm.ms);
      plainWarm.push(pWarm.ms);
    }
  }
  figure({ id: '7a', work: 'Start, cold (network): navigation → first to-do in the DOM vs blank page', size, unit: 'ms', tend: cold, floor: blankCold });
  figure({
    id: '7b',
    work: 'Start, warm (service worker): navigation → first to-do in the DOM vs blank page',
    size,
    unit: 'ms',
    tend: warm,
    floor: blankWarm,
    max: config.targets.warmStart,
  });
  figure({
    id: '7d',
    work: '… warm, Tend vs the same first page read by plain IndexedDB code and drawn with plain DOM (first-page.html, same worker)',
    size,
    unit: 'ms',
    tend: warm,
    floor: plainWarm,
    max: config.targets.warmStartVsFirstPage,
  });
  figure({
    id: '7e',
    work: '… warm, until Tend’s own list has replaced the start’s picture of it (a click is the app’s) vs the plain first page',
    size,
    unit: 'ms',
    tend: warmLive,
    floor: plainWarm,
  });

  // 8. Heap with the list open.
  const heap = await heapRuns(context, `${app.origin}/`, runs.heap, firstTodo);
  figure({ id: 8, work: 'JS heap with the to-do list open (after GC) vs at 0 to-dos', size, unit: 'MB', tend: heap, floor: heapAtZero, max: config.targets.heap });
  await browser.close();
  return firstScreen;
}

// -------------------------------------------------------------------------------------- sync

/** A password for this run's people on the bench's sync server. */
const secret = () => randomBytes(9).toString('base64url');

/** The household's documents, made by the harness with Tend's own sync code (`fieldsOf`). */
async function householdDocs(server, size, by) {
  const harness = await openHarness(server, 'harness');
  try {
    await harness.call('prepare', size);
    return await harness.call('syncDocs', by);
  } finally {
    await harness.close();
  }
}

/**
 * Puts the documents on the server as `who`, a person of the household, through `_bulk_docs`:
 * the server's validation (`_design/tend`) checks every one, as it checks what Tend sends.
 */
async function loadDocs(household, who, docs) {
  for (let at = 0; at < docs.length; at += 1000) {
    const response = await fetch(`${household.url}/_bulk_docs`, {
      method: 'POST',
      headers: { Authorization: basicAuth(who), 'Content-Type': 'application/json' },
      body: JSON.stringify({ docs: docs.slice(at, at + 1000) }),
    });
    const results = await response.json();
    const refused = Array.isArray(results) ? results.find((result) => result.error) : results;
    if (!response.ok || refused) throw new Error(`the sync server refused the household's documents: ${JSON.stringify(refused)}`);
  }
}

/**
 * The household's database as CouchDB reports it (`GET /<db>`, as the server's admin): its
 * document count (design documents included) and its `sizes` in bytes: `file` on disk, `active`
 * the live data in it, `external` the documents' bodies uncompressed.
 */
async function databaseInfo(household, admin) {
  const response = await fetch(household.url, { headers: { Authorization: basicAuth(admin), Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${household.url} answered ${response.status}: ${await response.text()}`);
  const { doc_count: docs, doc_del_count: deleted, sizes, compact_running: compacting } = await response.json();
  return { docs, deleted, sizes, compacting };
}

/**
 * Compacts the household's database (`POST /<db>/_compact`, every shard) and waits until it is
 * done: no longer compacting, once it has been seen compacting or its file has shrunk. One that
 * finds nothing to do is taken as done after 30 s. A bounded poll: 5 minutes at most.
 */
async function compact(household, admin, before) {
  const response = await fetch(`${household.url}/_compact`, { method: 'POST', headers: { Authorization: basicAuth(admin), 'Content-Type': 'application/json' } });
  if (response.status !== 202) throw new Error(`POST ${household.url}/_compact answered ${response.status}: ${await response.text()}`);
  const t0 = performance.now();
  let seenRunning = false;
  for (;;) {
    await new Promise((wake) => setTimeout(wake, 200));
    const info = await databaseInfo(household, admin);
    seenRunning ||= info.compacting;
    const waited = performance.now() - t0;
    if (!info.compacting && (seenRunning || info.sizes.file < before.sizes.file || waited > 30_000)) return info;
    if (waited > 300_000) throw new Error(`compacting ${household.database} took more than 5 minutes`);
  }
}

/**
 * Runs in the app's page: clicks Connect, then counts every 100 ms (one `count` per store) the
 * documents in this device's PouchDB copy and the rows in Tend's own tables. CouchDB's changes
 * feed interleaves the database's shards, so no one document arrives last: the counts say when
 * all are there. Returns when each was first complete, from the click.
 */
function connectAndWait({ button, copy, documents, expected }) {
  // How many rows each of `stores` of database `name` holds, or undefined while the database or
  // a store is not there yet (a look never creates one).
  const count = (name, stores) =>
    new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onerror = () => (open.error?.name === 'AbortError' ? resolve(undefined) : reject(open.error));
      open.onsuccess = () => {
        const db = open.result;
        if (!stores.every((store) => db.objectStoreNames.contains(store))) return db.close(), resolve(undefined);
        const tx = db.transaction(stores, 'readonly');
        const found = {};
        for (const store of stores) {
          const request = tx.objectStore(store).count();
          request.onsuccess = () => (found[store] = request.result);
        }
        tx.oncomplete = () => (db.close(), resolve(found));
        tx.onerror = () => (db.close(), reject(tx.error));
      };
    });
  const tables = Object.keys(expected);
  const sleep = (ms) => new Promise((wake) => setTimeout(wake, ms));
  return (async () => {
    const t0 = performance.now();
    button.click();
    let replicated;
    for (;;) {
      await sleep(100);
      if (performance.now() - t0 > 600_000) throw new Error('the first sync did not finish in 10 minutes');
      // PouchDB's IndexedDB adapter keeps one entry per document in its `document-store`.
      replicated ??= ((await count(`_pouch_${copy}`, ['document-store']))?.['document-store'] ?? 0) >= documents ? performance.now() - t0 : undefined;
      const found = await count('tend', tables);
      if (found && tables.every((table) => found[table] === expected[table])) {
        const ms = performance.now() - t0;
        return { ms, replicated: replicated ?? ms, counts: found };
      }
    }
  })();
}

/**
 * A new device: a fresh profile opens Tend, and `who` connects it on the Sync screen, until the
 * rows of `docs` are in Tend's tables and the `documents` on the server in its PouchDB copy.
 */
async function connectDevice(app, household, who, docs, documents) {
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => log(`app page error: ${error.message}`));
    await page.goto(`${app.origin}/database`);
    await page.getByRole('region', { name: 'Sync' }).getByRole('link', { name: 'Set up sync' }).click();
    const form = page.getByRole('form', { name: 'Connect to a sync server' });
    await form.getByLabel('Your name').fill(who.name);
    await form.getByLabel('Password').fill(who.password);
    // The first visit's service worker has precached everything, and IndexedDB is idle.
    await controlled(page);
    await settle(page);
    const expected = {};
    for (const doc of docs) expected[doc.type] = (expected[doc.type] ?? 0) + 1;
    const result = await page.evaluate(connectAndWait, {
      button: await form.getByRole('button', { name: 'Connect' }).elementHandle(),
      copy: `tend-sync-${household.database}`,
      documents,
      expected,
    });
    await page.getByRole('status').filter({ hasText: 'Connected — changes go both ways as they happen' }).waitFor();
    return { browser, page, result };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The floor of 10a: plain PouchDB in a fresh profile signs in and replicates the household, once. */
async function plainFirstSync(floorSite, household, who) {
  const browser = await launch();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${floorSite.origin}/sync-floor.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await collectGarbage(page);
    return await page.evaluate(([database, name, password]) => window.syncFloor.firstSync(database, name, password), [household.database, who.name, who.password]);
  } finally {
    await browser.close();
  }
}

/**
 * 10a–10e, on a sync server of their own (startSyncServer(): Apache CouchDB 3): a household
 * whose database holds the bench's rows of this size as Tend's documents, the app and the
 * floor's page each served with the server under their origin at /couchdb/.
 */
async function syncFigures(harnessServer, size) {
  const runs = runsAt(size);
  const server = await startSyncServer();
  log(`sync @ ${size}: ${server.name} at ${server.url}`);
  const sites = [];
  const devices = [];
  try {
    const admin = server.admin;
    const [ann, ben] = [
      { name: 'ann', password: secret() },
      { name: 'ben', password: secret() },
    ];
    const household = await createHousehold(server.url, admin, { slug: 'bench', people: [ann, ben] });
    const docs = await householdDocs(harnessServer, size, ann.name);
    await loadDocs(household, ann, docs);
    log(`sync @ ${size}: ${docs.length} documents on the server`);

    // 10d, 10e. What the household costs the server: its database as loaded, then compacted
    // (CouchDB's files are append-only; compaction, which CouchDB also runs by itself, keeps
    // the live data only), against the documents' own JSON.
    const loaded = await databaseInfo(household, admin);
    const compacted = await compact(household, admin, loaded);
    const json = docs.reduce((total, doc) => total + Buffer.byteLength(JSON.stringify(doc)), 0);
    results.details[`server@${size}`] = { server: server.name, rows: docs.length, json, loaded, compacted };
    log(`  on the server: ${JSON.stringify(results.details[`server@${size}`])}`);
    figure({
      id: '10d',
      work: `The household on the server: CouchDB’s database file (sizes.file), compacted, ${compacted.docs.toLocaleString('en')} documents (${docs.length.toLocaleString('en')} rows and _design/tend) vs the documents’ JSON`,
      size,
      unit: 'MB',
      tend: compacted.sizes.file / 1e6,
      floor: json / 1e6,
    });
    figure({
      id: '10e',
      work: '… of which live data (sizes.active), vs the same',
      size,
      unit: 'MB',
      tend: compacted.sizes.active / 1e6,
      floor: json / 1e6,
    });
    const proxy = { '/couchdb/': server.url };
    const app = await serve(join(out, 'app'), { single: true, proxy });
    sites.push(app);
    const floorSite = await serve(join(out, 'harness'), { proxy });
    sites.push(floorSite);

    // 10a. First sync of a new device, against plain PouchDB replicating into a new database.
    const [tendRuns, floorRuns] = await alternate(
      runs.firstSync,
      async () => {
        const device = await connectDevice(app, household, ann, docs, compacted.docs);
        await device.browser.close();
        log(`  Tend: ${JSON.stringify(device.result)}`);
        return device.result;
      },
      async () => {
        const plain = await plainFirstSync(floorSite, household, ann);
        log(`  plain PouchDB: ${JSON.stringify(plain)}`);
        if (plain.docs < compacted.docs) throw new Error(`plain PouchDB replicated ${plain.docs} of ${compacted.docs} documents`);
        return plain;
      },
    );
    results.details[`firstSync@${size}`] = { documents: compacted.docs, tend: medians(tendRuns, ['ms', 'replicated']), floor: medians(floorRuns, ['ms', 'signIn', 'replicate']) };
    figure({
      id: '10a',
      work: 'First sync of a new device: Connect on the Sync screen → every row in Tend’s tables vs plain PouchDB signing in and replicating the household into a new database',
      size,
      unit: 'ms',
      tend: tendRuns.map((run) => run.ms),
      floor: floorRuns.map((run) => run.ms),
      max: config.targets.firstSync,
    });
    figure({
      id: '10b',
      work: '… of which until the last document is in the device’s PouchDB copy (replication), vs the same floor',
      size,
      unit: 'ms',
      tend: tendRuns.map((run) => run.replicated),
      floor: floorRuns.map((run) => run.ms),
    });

    // 10c. Two devices of the household, each with the to-do list open: a to-do added on one
    // until its row is in the other's DOM. B searches for the bench's titles, so the new row
    // is on its first page (the list is ordered by due date, undated last).
    for (const who of [ann, ben]) devices.push(await connectDevice(app, household, who, docs, compacted.docs));
    const [a, b] = devices;
    for (const device of devices) {
      await device.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'To-dos' }).click();
      await firstTodo(device.page);
    }
    await b.page.getByLabel('Search to-dos').fill('sync bench');
    await b.page.waitForFunction(() => !document.querySelector('ul[aria-label="To-dos"] > li'));
    // The floor: plain PouchDB pages on the same two browsers, each with a live copy.
    const floorPages = [];
    for (const [device, who] of [
      [a, ann],
      [b, ben],
    ]) {
      const page = await device.browser.context.newPage();
      await page.goto(`${floorSite.origin}/sync-floor.html`);
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      await page.evaluate(([name, password]) => window.syncFloor.signIn(name, password), [who.name, who.password]);
      await page.evaluate((database) => window.syncFloor.startLive(database), household.database);
      floorPages.push(page);
    }
    const [floorA, floorB] = floorPages;
    const schema = docs[0].schema;
    let round = 0;
    const within = (promise, what) => {
      let timer;
      const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} never showed on the other device`)), 60_000)));
      return Promise.race([promise, late]).finally(() => clearTimeout(timer));
    };
    const [tendChanges, floorChanges] = await alternate(
      runs.change + 1,
      async () => {
        const title = `Sync bench run ${String(++round).padStart(2, '0')}`;
        await a.page.getByLabel('What needs to be done?').fill(title);
        await b.page.evaluate((title) => {
          window.__benchSeen = new Promise((resolve) => {
            const there = () => [...document.querySelectorAll('ul[aria-label="To-dos"] > li')].some((li) => li.textContent?.includes(title));
            const observer = new MutationObserver(() => {
              if (!there()) return;
              observer.disconnect();
              resolve(performance.timeOrigin + performance.now());
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          });
        }, title);
        const t0 = await a.page.evaluate(() => {
          const input = document.getElementById('new-todo');
          const t0 = performance.timeOrigin + performance.now();
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
          return t0;
        });
        const t1 = await within(b.page.evaluate(() => window.__benchSeen), title);
        // Both devices' lists and counts settle before the next round.
        await a.page.getByLabel('What needs to be done?').and(a.page.locator('input:placeholder-shown')).waitFor();
        await Promise.all([settle(a.page), settle(b.page)]);
        await a.page.waitForTimeout(500);
        return t1 - t0;
      },
      async () => {
        const now = Date.now();
        const doc = { _id: randomUUID(), type: 'todos', schema, by: ann.name, fields: { title: 'Plain PouchDB', done: 0, createdAt: now, updatedAt: now }, edits: { title: 1, done: 1, createdAt: 1, updatedAt: 1 } };
        await floorB.evaluate((id) => window.syncFloor.watchFor(id), doc._id);
        const t0 = await floorA.evaluate((doc) => window.syncFloor.write(doc), doc);
        const t1 = await within(floorB.evaluate(() => window.syncFloor.seen()), 'plain PouchDB’s document');
        await floorA.waitForTimeout(500);
        return t1 - t0;
      },
    );
    // The first round of each warms up (first add, first feed round trip after the catch-up).
    figure({
      id: '10c',
      work: 'A to-do added on one device (Enter) until its row is in the other device’s DOM vs plain PouchDB: a put on one device’s live copy until the other’s copy has it',
      size,
      unit: 'ms',
      tend: tendChanges.slice(1),
      floor: floorChanges.slice(1),
    });
  } finally {
    for (const device of devices) await device.browser.close();
    await Promise.all(sites.map((site) => site.close()));
    await server.stop();
  }
}

// ------------------------------------------------------------------------------------- sizes

const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

function sizeFigures(loaded) {
  const dir = join(out, 'app');
  // The first screen: what index.html asks for (scripts, modulepreloads, stylesheets), measured
  // as the size budget test measures it.
  const first = firstScreenSize(dir);
  const declared = [...first.scripts, ...first.styles];
  // And what else the browser fetched before the first to-do was on screen in a cold start
  // (workbox-window, which Tend loads once the page has loaded).
  const fetched = (loaded ?? []).map((url) => new URL(url).pathname.slice(1)).filter((path) => /\.(js|css)$/.test(path));
  const lazy = fetched.filter((file) => !declared.includes(file));
  const lazyJs = lazy.filter((file) => file.endsWith('.js')).reduce((total, file) => total + gzipped(join(dir, file)), 0);
  const precache = precacheSize(dir);
  const perFile = Object.fromEntries([...declared, ...lazy].map((file) => [file, gzipped(join(dir, file)) / 1000]));
  results.details.sizes = { declared, lazy, perFileGzipKb: perFile, precached: precache.files, precacheRaw: precache.bytes / 1000 };
  figure({
    id: '9a',
    work: `First screen JavaScript, gzip (the page's inline script and ${first.scripts.length} files: the start script, the app's entry and the chunks it imports)`,
    unit: 'kB',
    tend: first.js / 1000,
    absolute: config.targets.firstScreenJsKb,
  });
  if (lazy.length > 0) {
    figure({
      id: '9b',
      work: `… plus what a cold start also fetched before its first to-do (${lazy.map((file) => file.replace(/^assets\//, '').replace(/-[\w-]{8}\./, '.')).join(', ')})`,
      unit: 'kB',
      tend: (first.js + lazyJs) / 1000,
    });
  }
  figure({ id: '9c', work: 'First screen CSS, gzip', unit: 'kB', tend: first.css / 1000 });
  figure({
    id: '9d',
    work: `Whole precache, gzip (${precache.files.length} entries, ${(precache.bytes / 1000).toFixed(1)} kB uncompressed)`,
    unit: 'kB',
    tend: precache.gzip / 1000,
  });
}

// -------------------------------------------------------------------------------------- main

async function main() {
  if (build) buildAll();
  executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node scripts/chromium.mjs --ensure`');
  const probe = await launch();
  const chromiumVersion = probe.context.browser()?.version() ?? 'unknown';
  await probe.close();
  const cpus = os.cpus();
  results.machine = {
    cpu: cpus[0]?.model.trim(),
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 1e9),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: chromiumVersion,
    date: new Date().toISOString(),
    loadBefore: os.loadavg()[0],
  };
  log(`machine: ${JSON.stringify(results.machine)}`);
  if (results.machine.loadBefore > cpus.length / 2) {
    log(`warning: the machine is already busy (load ${results.machine.loadBefore.toFixed(1)} on ${cpus.length} cores); the figures will be noisy`);
  }
  // Cross-origin isolation gives the harness a 5 µs clock instead of 100 µs.
  const harness = await serve(out, { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } });
  const app = await serve(join(out, 'app'), { single: true });
  const blank = await serve(join(out, 'blank'));
  let firstScreen;
  try {
    if (only.has('app')) await emptyAppFigures(app);
    for (const size of sizes) {
      let rawToggle = [];
      if (only.has('import')) await importFigures(harness, size);
      if (only.has('reads')) rawToggle = await readFigures(harness, size);
      if (only.has('upgrade')) await upgradeFigures(harness, size);
      if (only.has('upgrade')) await rekeyFigures(harness, size);
      if (only.has('app')) firstScreen = (await appFigures(app, blank, size, rawToggle, harness)) ?? firstScreen;
    }
    if (only.has('sizes')) sizeFigures(firstScreen);
    for (const size of sizes) if (only.has('sync') && config.syncSizes.includes(size)) await syncFigures(harness, size);
  } finally {
    for (const dir of profiles.values()) rmSync(dir, { recursive: true, force: true });
    await Promise.all([harness.close(), app.close(), blank.close()]);
  }
  results.figures = sortFigures(results.figures);
  results.machine.benchSeconds = Math.round((performance.now() - started) / 1000);
  results.machine.loadAfter = os.loadavg()[0];
  if (merge) {
    const previous = JSON.parse(readFileSync(join(here, 'results.json'), 'utf8'));
    results = mergeResults(previous, results, { parts: [...only], sizes });
  }
  const markdown = `${runLines(results)}\n\n${table()}\n`;
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(here, 'results.md'), markdown);
  writeFileSync(join(here, 'results.svg'), drawChart(results));
  console.log(`\n${markdown}`);
  log('wrote bench/results.json, bench/results.md and bench/results.svg');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
