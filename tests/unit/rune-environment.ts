import type { Environment } from 'vitest/environments';

/**
 * Node, with modules transformed for the browser ("client"), so Svelte compiles rune code for
 * the browser and $effect runs. Vitest's browser-like environments (jsdom, happy-dom) would
 * do the same with a fake DOM, which rune code that renders nothing does not need.
 */
export default {
  name: 'runes',
  viteEnvironment: 'client',
  setup: () => ({ teardown() {} }),
} satisfies Environment;
