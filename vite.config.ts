import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { createHash } from 'node:crypto';
import { latestVersion } from './src/db/schema.ts';
import { DATABASE_NAME, LOOKING_OPEN_GLOBAL, startLookingOpen } from './src/db/raw.ts';
import { SYNC_ENGINE_CACHE } from './src/lib/sync/engine-cache.ts';

/**
 * The page's one inline script, first in its head: it starts opening Tend's database while the
 * page is still being parsed. The start script (see startScript) arrives through the service
 * worker and runs 30-40 ms later, and adopts the open (src/db/early-look.ts); by then the
 * browser has mostly opened the origin's storage. It is startLookingOpen's own text, so there
 * is one copy of it. Should IndexedDB refuse the page, the start meets the refusal itself.
 */
export const earlyOpenScript = `try{globalThis.${LOOKING_OPEN_GLOBAL}=(${startLookingOpen.toString()})(${JSON.stringify(DATABASE_NAME)})}catch{}`;

/** The policy's way of allowing exactly that script: its hash. */
const earlyOpenHash = `'sha256-${createHash('sha256').update(earlyOpenScript).digest('base64')}'`;

// One policy for the whole app. No inline script but the early open, allowed by its hash: the
// service worker is registered from the bundle (src/lib/pwa.svelte.ts).
export const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' ${earlyOpenHash}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

// The policy is added to the built page only: the dev server injects inline styles for
// hot reloading, which the production policy rightly refuses.
function cspMeta(): Plugin {
  return {
    name: 'tend:csp-meta',
    apply: 'build',
    // Last of the 'post' hooks to prepend, so the policy comes before every script tag. Only
    // the character set comes before it: a page must name it in its first 1,024 bytes, and the
    // early open's script pushed it past them.
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        const charset = '<meta charset="UTF-8" />';
        if (!html.includes(charset)) throw new Error(`index.html has no ${charset} to put first`);
        return {
          html: html.replace(charset, ''),
          tags: [
            { tag: 'meta', attrs: { charset: 'UTF-8' }, injectTo: 'head-prepend' },
            { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' },
          ],
        };
      },
    },
  };
}

/**
 * The same policy as HTTP headers, for static hosts that read a `_headers` file (Netlify,
 * Cloudflare Pages): only a header can carry frame-ancestors, which stops Tend being framed.
 */
function staticHostHeaders(): Plugin {
  return {
    name: 'tend:headers',
    apply: 'build',
    generateBundle() {
      const headers = [
        '/*',
        `  Content-Security-Policy: ${contentSecurityPolicy}; frame-ancestors 'none'`,
        '  X-Content-Type-Options: nosniff',
        '  Referrer-Policy: no-referrer',
        '  Permissions-Policy: camera=(), microphone=(), geolocation=()',
        '',
      ].join('\n');
      this.emitFile({ type: 'asset', fileName: '_headers', source: headers });
    },
  };
}

/**
 * Publishes the schema version this build stores data in. It is left out of the precache, so a
 * page can fetch the newly deployed one and tell the person an update will also migrate data.
 */
function schemaVersionFile(): Plugin {
  return {
    name: 'tend:schema-version',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'schema-version.json', source: JSON.stringify({ version: latestVersion }) });
    },
  };
}

/**
 * The chunk that looks at the database (src/db/early-look.ts) gets a script tag of its own,
 * ahead of the app's. A module graph runs only once all of it is fetched and compiled; as its
 * own tiny graph, the look starts as soon as the page is parsed, and its IndexedDB open
 * overlaps with the rest of the code loading and running. The app imports the same URL, so
 * the browser runs the module once and both share its promise.
 */
const START_CHUNK = 'start';
/** The meta tag that names the app's entry script for the start script (early-page.ts reads it by this name). */
const APP_SCRIPT = 'tend-app-script';
/** The meta tag that names the chunks the app's entry imports, for the start script to preload with it. */
const APP_IMPORTS = 'tend-app-imports';

function startScript(): Plugin {
  let base = '/';
  return {
    name: 'tend:start-script',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const start = Object.values(bundle ?? {}).find((file) => file.type === 'chunk' && file.name === START_CHUNK);
        if (!start) throw new Error(`The build has no "${START_CHUNK}" chunk for the early look at the database`);
        // A chunk it imported would have to load first, and with the app's entry, run all of the app first.
        if (start.type === 'chunk' && start.imports.length > 0) {
          throw new Error(`The "${START_CHUNK}" chunk must not import other chunks; it imports ${start.imports.join(', ')}`);
        }
        // The app's own script is started by the start script, once the first screen has shown
        // (startApp in src/lib/todos/early-page.ts reads this meta tag; scripts/bundle-size.mjs
        // counts its script in the first screen): fetched and compiled earlier, it held
        // the start script back from running.
        const entry = Object.values(bundle ?? {}).find((file) => file.type === 'chunk' && file.isEntry);
        const app = entry && `<script type="module" crossorigin src="${base}${entry.fileName}"></script>`;
        if (!app || !html.includes(app)) throw new Error(`The page has no script tag for the app's entry to hand to the start script`);
        // So are the preloads of the chunks it imports: fetched and compiled with the start
        // script, they held it back by about 10 ms. The start script preloads them with the app's.
        const imports = new Set<string>();
        const follow = (fileName: string) => {
          const chunk = bundle?.[fileName];
          if (chunk?.type !== 'chunk' || chunk.name === START_CHUNK) return;
          for (const imported of chunk.imports) {
            if (imports.has(imported)) continue;
            imports.add(imported);
            follow(imported);
          }
        };
        follow(entry.fileName);
        imports.delete(start.fileName);
        let page = html.replace(app, '');
        for (const imported of imports) page = page.replace(`<link rel="modulepreload" crossorigin href="${base}${imported}">`, '');
        return {
          html: page,
          tags: [
            // Before everything but the policy (cspMeta), so the open starts as early as it can.
            { tag: 'script', children: earlyOpenScript, injectTo: 'head-prepend' },
            // Before the start script, which may run as soon as it is parsed.
            { tag: 'meta', attrs: { name: APP_SCRIPT, content: `${base}${entry.fileName}` }, injectTo: 'head-prepend' },
            { tag: 'meta', attrs: { name: APP_IMPORTS, content: [...imports].map((imported) => `${base}${imported}`).join(' ') }, injectTo: 'head-prepend' },
            // async: it runs as soon as it has arrived, not after the page is parsed.
            { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `${base}${start.fileName}` }, injectTo: 'head-prepend' },
          ],
        };
      },
    },
  };
}

/** The sync engine's chunk (src/lib/sync/engine.ts and PouchDB), named after its entry module. */
const SYNC_ENGINE_FILES = 'assets/engine-*.js';
const SYNC_ENGINE_URL = /\/assets\/engine-[\w-]+\.js$/;
/** A script the service worker imports: it fetches a new version's engine as that version installs. */
const SYNC_ENGINE_INSTALL = 'sw-sync-engine.js';

/**
 * Sync's engine is not precached (only those who sync download it), yet a device that syncs must
 * be able to start offline right after an update. So a new version's service worker, as it
 * installs (online, and before it takes over), fetches its own engine into the engine's cache when
 * that cache holds one already: this device syncs. A failure fails the install, which is tried
 * again later, as a failed precache would be.
 */
function syncEngineInstall(): Plugin {
  return {
    name: 'tend:sync-engine-install',
    apply: 'build',
    generateBundle(_options, bundle) {
      const engine = Object.values(bundle).find((file) => file.type === 'chunk' && file.facadeModuleId?.endsWith('/src/lib/sync/engine.ts'));
      if (!engine || !SYNC_ENGINE_URL.test(`/${engine.fileName}`)) throw new Error(`The sync engine's chunk is not named ${SYNC_ENGINE_FILES}`);
      const source = [
        '// Tend: on a device that syncs, a new version installs with its sync engine (vite.config.ts).',
        `const SYNC_ENGINE = new URL(${JSON.stringify(engine.fileName)}, self.registration.scope).href;`,
        "self.addEventListener('install', (event) => {",
        '  event.waitUntil(',
        `    caches.open(${JSON.stringify(SYNC_ENGINE_CACHE)}).then(async (cache) => {`,
        '      if ((await cache.keys()).length > 0) await cache.add(SYNC_ENGINE);',
        '    }),',
        '  );',
        '});',
        '',
      ].join('\n');
      this.emitFile({ type: 'asset', fileName: SYNC_ENGINE_INSTALL, source });
    },
  };
}

/** Requests to `/couchdb/…` go to the sync server at TEND_SYNC_SERVER (default CouchDB's own port). */
function syncServerProxy() {
  return {
    '^(/[^/]+)?/couchdb/': {
      target: process.env.TEND_SYNC_SERVER ?? 'http://127.0.0.1:5984',
      changeOrigin: true,
      rewrite: (path: string) => path.replace(/^(\/[^/]+)?\/couchdb/, ''),
    },
  };
}

export default defineConfig({
  plugins: [
    svelte(),
    startScript(),
    cspMeta(),
    staticHostHeaders(),
    schemaVersionFile(),
    syncEngineInstall(),
    VitePWA({
      // Prompt mode: a new version waits until the person chooses "Reload" (src/lib/pwa.svelte.ts).
      registerType: 'prompt',
      // Registered from the bundle through workbox-window, never by an injected inline script.
      injectRegister: false,
      // index.html carries its own theme-color tags, one per colour scheme.
      pwaAssets: { config: true, overrideManifestIcons: true, injectThemeColor: false },
      manifest: {
        name: 'Tend',
        short_name: 'Tend',
        description: 'Your household’s people, to-dos, posts and movies — on this device, online or not.',
        theme_color: '#2f6f4f',
        background_color: '#f7f6f2',
        display: 'standalone',
        lang: 'en',
        // start_url, scope and id default to Vite's base, so a build under /tend/ installs as /tend/.
      },
      workbox: {
        // The plugin adds the web manifest itself; listing it here too would precache it twice.
        globPatterns: ['**/*.{js,css,html,svg,png,ico}'],
        // Sync's engine (PouchDB and Tend's replication, about 44 kB gzip) is downloaded only by
        // those who turn sync on: it is left out of the precache and kept, once fetched, in a
        // cache of its own. Its file name carries its content hash, so a cached copy never goes stale.
        globIgnores: [SYNC_ENGINE_FILES],
        importScripts: [SYNC_ENGINE_INSTALL],
        runtimeCaching: [
          {
            // A RegExp, not a function: the service worker is generated as text from this config.
            urlPattern: SYNC_ENGINE_URL,
            handler: 'CacheFirst',
            // The running version's engine and the one before it, while an update is under way.
            options: { cacheName: SYNC_ENGINE_CACHE, expiration: { maxEntries: 2 } },
          },
        ],
        // Deep links (users/3) are answered from the precached app shell when offline.
        navigateFallback: 'index.html',
        // The sync server, when it is served under the app's own origin (README, "Sync").
        navigateFallbackDenylist: [/\/couchdb\//],
        cleanupOutdatedCaches: true,
        // The first worker takes charge of the page it was installed from, so the very first
        // visit is already enough to work offline. Later versions still wait (no skipWaiting)
        // until the person presses Reload.
        clientsClaim: true,
      },
    }),
  ],
  // `npm start` and `npm run dev` serve a sync server under the app's own origin, as a
  // household's own server would (README, "Sync"): `npm run sync-server` starts one there.
  // The start's early read (src/lib/todos/early-page.ts) compares the version on disk with this
  // build's before Dexie, and with it schema.ts, is loaded.
  define: { __TEND_SCHEMA_VERSION__: JSON.stringify(latestVersion) },
  preview: { proxy: syncServerProxy() },
  server: { proxy: syncServerProxy() },
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        // The early look and the little it needs, in a chunk of their own (see startScript).
        // With the early read of the to-do list's first page: its description of the list and the
        // paging it shares with Dexie's reads, none of which imports anything else.
        codeSplitting: {
          groups: [
            {
              name: START_CHUNK,
              test: /\/src\/(db\/(early-look|raw)|lib\/(paging|text|preferences|install-offer|todos\/(early-page|listing)))\.ts$/,
            },
          ],
        },
      },
    },
  },
});
