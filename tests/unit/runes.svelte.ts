import { flushSync } from 'svelte';

/**
 * Makes rune state as a component would, inside `$effect.root`, so its effects run (as immich
 * tests its stores). `stop()` ends them, as unmounting the component would.
 */
export function inEffectRoot<T>(make: () => T): { value: T; stop: () => void } {
  let value: T | undefined;
  const stop = $effect.root(() => {
    value = make();
  });
  flushSync();
  return { value: value as T, stop };
}
