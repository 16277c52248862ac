// Shared by the app and its build (vite.config.ts), so it imports nothing.

/**
 * Where the service worker keeps sync's engine once this device has fetched it: the engine is
 * not precached, so only devices that sync download it (vite.config.ts).
 */
export const SYNC_ENGINE_CACHE = 'tend-sync-engine';
