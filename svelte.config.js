import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  // No window.__svelte.v: it only tells browser extensions which Svelte runs, and as a module
  // shared by every screen it became a script of its own on the first screen.
  compilerOptions: { runes: true, discloseVersion: false },
};
