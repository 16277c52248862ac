// The browser's offer to install Tend (`beforeinstallprompt`) can come before the app's own
// script runs: the start script runs it once the to-do list's first screen has shown. So the
// offer is heard here, in the start's own script (its chunk, vite.config.ts), and kept for the
// app (pwa.svelte.ts), which follows it from whenever it starts.

/** Chromium's install prompt event, which TypeScript's DOM types do not describe. */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

type Listener = (offer: BeforeInstallPromptEvent | undefined) => void;

let offer: BeforeInstallPromptEvent | undefined;
const listeners = new Set<Listener>();

function set(next: BeforeInstallPromptEvent | undefined): void {
  offer = next;
  for (const listener of listeners) listener(offer);
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (event) => {
    // Kept for the app's own Install button, instead of the browser's mini bar.
    event.preventDefault();
    set(event as BeforeInstallPromptEvent);
  });
  window.addEventListener('appinstalled', () => set(undefined));
}

/** Calls `listener` with the offer now (undefined if none) and each time it changes. */
export function followInstallOffer(listener: Listener): void {
  listeners.add(listener);
  listener(offer);
}

/** The offer has been used: a prompt can be shown once (the browser makes a new offer if it is dismissed). */
export function takeInstallOffer(): BeforeInstallPromptEvent | undefined {
  const taken = offer;
  set(undefined);
  return taken;
}
