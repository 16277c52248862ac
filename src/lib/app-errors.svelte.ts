import { pwa } from './pwa.svelte';
import { describeError } from './text';

/**
 * The one place unexpected errors end up: shown in the page, in words, and dismissible, so
 * the app stays usable. Errors the person's own action causes are shown where they acted.
 */
class AppErrors {
  messages: string[] = $state.raw([]);

  report(error: unknown) {
    // A chunk that could not load has its own banner, with what to do.
    if (pwa.explains(error)) return;
    const message = describeError(error);
    if (!this.messages.includes(message)) this.messages = [...this.messages, message].slice(-3);
  }

  dismiss(message: string) {
    this.messages = this.messages.filter((shown) => shown !== message);
  }

  listen() {
    window.addEventListener('error', (event) => this.report(event.error ?? event.message));
    window.addEventListener('unhandledrejection', (event) => {
      event.preventDefault();
      this.report(event.reason);
    });
  }
}

export const appErrors = new AppErrors();
