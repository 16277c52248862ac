import type { Workbox } from 'workbox-window';
import { followInstallOffer, takeInstallOffer } from './install-offer';


const CHUNK_RELOAD_KEY = 'tend:chunk-reload-at';
/** Within this long after a reload for a missing chunk, a second failure is not retried. */
const CHUNK_RELOAD_GUARD_MS = 30_000;

/**
 * The service worker, updates and installation, as reactive state for the page.
 * Updates are never forced: a new version waits until the person presses Reload, so a
 * form being filled in is never thrown away.
 */
class Pwa {
  updateReady = $state(false);
  /** The schema version the waiting update stores data in, when it is newer than this one's. */
  updateMigratesTo: number | undefined = $state(undefined);
  canInstall = $state(false);
  /** A part of the app could not be loaded even after one reload. */
  loadFailed = $state(false);
  #workbox: Workbox | undefined;
  /** Loads of code that is not precached, under way (see `loadNotPrecached`). */
  #notPrecachedLoads = 0;

  start(): void {
    this.#offerInstall();
    this.#recoverFromMissingChunks();
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    // Registered once the page has loaded, from a chunk of its own: the first screen comes first
    // (the app's script itself runs once the to-do list's first screen has shown, early-page.ts).
    if (document.readyState === 'complete') void this.#register();
    else window.addEventListener('load', () => void this.#register(), { once: true });
  }

  async #register(): Promise<void> {
    const { Workbox } = await import('workbox-window');
    const base = import.meta.env.BASE_URL;
    const workbox = new Workbox(`${base}sw.js`, { scope: base });
    // Fired for a worker that was already waiting when the page loaded, too.
    workbox.addEventListener('waiting', () => {
      this.updateReady = true;
      void this.#checkUpdateSchema(base);
    });
    // Offline, the update check fails; the installed worker keeps serving the app.
    workbox.register().catch(() => undefined);
    // An installed app can stay open for days: look for a new version when it comes back.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') workbox.update().catch(() => undefined);
    });
    this.#workbox = workbox;
  }

  /** Activates the waiting version and reloads this tab once it is in control. */
  applyUpdate(): void {
    const workbox = this.#workbox;
    if (!workbox) return;
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  }

  /** Asks the server which schema the new version uses; offline, the banner simply says less. */
  async #checkUpdateSchema(base: string): Promise<void> {
    try {
      const response = await fetch(`${base}schema-version.json?waiting=${Date.now()}`, { cache: 'no-store' });
      const { version } = (await response.json()) as { version: number };
      if (version > __TEND_SCHEMA_VERSION__) this.updateMigratesTo = version;
    } catch {
      // Unknown: the update is still offered, without the note.
    }
  }

  /**
   * Loads code the service worker does not precache (sync's engine, which only those who sync
   * download). Offline, it may not be on the device yet: the caller hears of that and waits for
   * the network, and the page is not reloaded for it as for a chunk missing after an update.
   */
  async loadNotPrecached<T>(load: () => Promise<T>): Promise<T> {
    this.#notPrecachedLoads += 1;
    try {
      return await load();
    } finally {
      this.#notPrecachedLoads -= 1;
    }
  }

  /** Whether an error is the missing chunk this state already tells the person about. */
  explains(error: unknown): boolean {
    const message = error instanceof Error ? error.message : String(error);
    return this.loadFailed && /dynamically imported module|importing a module script failed/i.test(message);
  }

  async install(): Promise<void> {
    await takeInstallOffer()?.prompt();
  }

  #offerInstall(): void {
    followInstallOffer((offer) => (this.canInstall = offer !== undefined));
  }

  /**
   * After an update, an old page may ask for a chunk the server no longer has. Reload once
   * to pick up the new version; if that happens again straight away, say so instead of looping.
   */
  #recoverFromMissingChunks(): void {
    window.addEventListener('vite:preloadError', (event) => {
      // Not precached, so missing offline; its caller handles that (loadNotPrecached).
      if (this.#notPrecachedLoads > 0) return;
      if (reloadedForChunkRecently()) {
        this.loadFailed = true;
        return;
      }
      event.preventDefault();
      rememberChunkReload();
      window.location.reload();
    });
  }
}

function reloadedForChunkRecently(): boolean {
  try {
    const at = Number(sessionStorage.getItem(CHUNK_RELOAD_KEY));
    return Date.now() - at < CHUNK_RELOAD_GUARD_MS;
  } catch {
    return true; // Without session storage a reload loop could not be stopped, so do not reload.
  }
}

function rememberChunkReload(): void {
  try {
    sessionStorage.setItem(CHUNK_RELOAD_KEY, String(Date.now()));
  } catch {
    // Unreachable in practice: reloadedForChunkRecently() already refused when storage is missing.
  }
}

export const pwa = new Pwa();
