import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { latestVersion } from './src/db/schema.ts';
import { withoutSyncServer } from './tests/sync-server-choice.ts';

// Unit tests cover the data layer in Node, with fake-indexeddb standing in for the browser's
// IndexedDB. Everything a person sees is tested end to end in tests/e2e. Rune state
// (`*.svelte.test.ts`) is tested in Node too, compiled for the browser (runes-environment.ts).
export default defineConfig({
  plugins: [svelte()],
  // As in vite.config.ts: the schema version the early read of the to-do list compares with.
  define: { __TEND_SCHEMA_VERSION__: JSON.stringify(latestVersion) },
  test: {
    setupFiles: ['tests/unit/setup.ts'],
    globalSetup: ['tests/sync-server-choice.ts'],
    projects: [
      { extends: true, test: { name: 'data', include: ['tests/unit/**/*.test.ts'], exclude: ['tests/unit/**/*.svelte.test.ts', ...withoutSyncServer.unit], environment: 'node' } },
      {
        extends: true,
        // Svelte's client runtime, as the browser gets it (untrack, flushSync and effects that run).
        resolve: { conditions: ['browser'] },
        test: { name: 'runes', include: ['tests/unit/**/*.svelte.test.ts'], environment: './tests/unit/runes-environment.ts' },
      },
    ],
  },
});
