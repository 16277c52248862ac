/** Short messages at the bottom of the screen, each with at most one action. */
export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => Promise<void> };
}

/** Long enough to notice a mistake and reach the button; "several seconds" on a phone. */
export const TOAST_MS = 8000;

/** A toast's countdown: what is left of it, and the timer while it runs. */
interface Countdown {
  left: number;
  since: number;
  timer?: ReturnType<typeof setTimeout>;
}

class Toasts {
  items: Toast[] = $state.raw([]);
  #next = 1;
  #countdowns = new Map<number, Countdown>();

  show(message: string, action?: Toast['action']): number {
    const id = this.#next++;
    this.items = [...this.items, { id, message, action }];
    this.#countdowns.set(id, { left: TOAST_MS, since: 0 });
    this.resume(id);
    return id;
  }

  /**
   * Stops a toast's countdown while someone is reading or reaching it (keyboard focus or the
   * pointer on it), so it never vanishes under their finger (WCAG 2.2.1).
   */
  pause(id: number): void {
    const countdown = this.#countdowns.get(id);
    if (countdown?.timer === undefined) return;
    clearTimeout(countdown.timer);
    countdown.timer = undefined;
    countdown.left -= Date.now() - countdown.since;
  }

  /** Runs the rest of a paused countdown. */
  resume(id: number): void {
    const countdown = this.#countdowns.get(id);
    if (!countdown || countdown.timer !== undefined) return;
    countdown.since = Date.now();
    countdown.timer = setTimeout(() => this.dismiss(id), countdown.left);
  }

  dismiss(id: number): void {
    clearTimeout(this.#countdowns.get(id)?.timer);
    this.#countdowns.delete(id);
    this.items = this.items.filter((toast) => toast.id !== id);
  }
}

export const toasts = new Toasts();
