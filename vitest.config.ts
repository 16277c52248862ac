import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Unit tests cover the data layer in Node, with fake-indexeddb standing in for the browser's
// IndexedDB. Everything a person sees is tested end to end in tests/e2e.
export default defineConfig({
  plugins: [svelte()],
  test: {
    setupFiles: ['tests/unit/setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'data', include: ['tests/unit/**/*.test.ts'], exclude: ['tests/unit/**/*.svelte.test.ts'], environment: 'node' },
      },
      {
        // Rune code (`*.svelte.test.ts`, as Svelte's testing guide names them), still in Node but
        // compiled and resolved as for the browser: Svelte's server build never runs effects.
        extends: true,
        resolve: { conditions: ['browser'] },
        test: { name: 'runes', include: ['tests/unit/**/*.svelte.test.ts'], environment: './tests/unit/rune-environment.ts' },
      },
    ],
  },
});
