import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOAST_MS, toasts } from '../../src/lib/toasts.svelte';

const shown = () => toasts.items.map((toast) => toast.message);

describe('a toast’s countdown', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    for (const toast of toasts.items) toasts.dismiss(toast.id);
    vi.useRealTimers();
  });

  it('dismisses the toast when it runs out', () => {
    toasts.show('Deleted user “Ann”');
    vi.advanceTimersByTime(TOAST_MS - 1);
    expect(shown()).toEqual(['Deleted user “Ann”']);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });

  it('waits while paused, however long, then runs only what was left', () => {
    const id = toasts.show('Deleted user “Ann”');
    vi.advanceTimersByTime(TOAST_MS - 1000);
    toasts.pause(id);
    vi.advanceTimersByTime(10 * TOAST_MS);
    expect(shown()).toEqual(['Deleted user “Ann”']);
    toasts.resume(id);
    vi.advanceTimersByTime(999);
    expect(shown()).toEqual(['Deleted user “Ann”']);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });

  it('pauses once for the pointer and focus together, and each toast on its own', () => {
    const first = toasts.show('first');
    toasts.show('second');
    toasts.pause(first);
    toasts.pause(first);
    vi.advanceTimersByTime(TOAST_MS);
    expect(shown()).toEqual(['first']);
    toasts.resume(first);
    toasts.resume(first);
    vi.advanceTimersByTime(TOAST_MS);
    expect(shown()).toEqual([]);
  });
});
