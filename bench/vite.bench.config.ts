// Builds the bench harness (bench/harness.html): Tend's data modules and nothing of its UI,
// with the Svelte plugin only (the modules use runes). The app itself is measured from its
// normal production build; this page is only for timing the data layer against raw IndexedDB.
// sync-floor.html is the sync figures' floor: plain PouchDB, with nothing of Tend.
// `BENCH_OUT` names the output folder; run.mjs builds it twice, the second time with
// VITE_TEST_SCHEMA_VERSION=1 for the upgrade figures.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { latestVersion } from '../src/db/schema.ts';

const bench = fileURLToPath(new URL('.', import.meta.url));
const project = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: bench,
  base: './',
  envDir: project,
  logLevel: 'warn',
  plugins: [svelte({ configFile: `${project}svelte.config.js` })],
  // As in vite.config.ts: the schema version the start's early read compares with.
  define: { __TEND_SCHEMA_VERSION__: JSON.stringify(latestVersion) },
  build: {
    target: 'es2022',
    outDir: process.env.BENCH_OUT ?? `${bench}.build/harness`,
    emptyOutDir: true,
    rollupOptions: { input: [`${bench}harness.html`, `${bench}sync-floor.html`] },
  },
});
