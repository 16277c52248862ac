import type { Environment } from 'vitest/environments';

// Rune code (`.svelte.ts`) compiled as it is for the browser, with Svelte's client runtime, but
// run in Node like the other unit tests: no DOM is needed to create state and effects inside
// `$effect.root`. The default Node environment would compile it for the server, where effects
// never run.
export default {
  name: 'runes',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => {} }),
} satisfies Environment;
