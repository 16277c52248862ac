// Small choices worth keeping across reloads (a list's filter). Storage can be refused
// (private modes, quotas): then the choice simply lasts as long as the page.

export function loadPreference(key: string): string | undefined {
  try {
    return localStorage.getItem(`tend:${key}`) ?? undefined;
  } catch {
    return undefined;
  }
}

export function savePreference(key: string, value: string | undefined): void {
  try {
    if (value === undefined) localStorage.removeItem(`tend:${key}`);
    else localStorage.setItem(`tend:${key}`, value);
  } catch {
    // Not kept; the page still works.
  }
}

/** Whether the query log is on; read at start-up, before the log's own code is loaded. */
export const QUERY_LOG_PREFERENCE = 'query-log';

/** Sync's settings (src/lib/sync/settings.ts); set means sync is on, read at start-up. */
export const SYNC_PREFERENCE = 'sync';

/** The key under which a list remembers its filter: per model, and per parent for a related list. */
export function listFilterKey(path: string, scope?: { field: string }): string {
  return `filter:${scope ? `${scope.field}:` : ''}${path}`;
}
