/** The form of a name used to compare it ignoring case ("Ann", "ANN" and "ann" are one). */
export function foldCase(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const OUT_OF_SPACE = 'Your device is out of space for Tend';

/**
 * Whether storage is full. Browsers report it as a QuotaExceededError, or as an AbortError of
 * the transaction it stopped (Dexie then keeps the cause as `inner`).
 */
export function isQuotaError(error: unknown): boolean {
  for (let cause = error; cause instanceof Object; cause = (cause as { inner?: unknown }).inner) {
    const { name, message } = cause as { name?: string; message?: string };
    if (name === 'QuotaExceededError' || (name === 'AbortError' && /quota/i.test(message ?? ''))) return true;
  }
  return false;
}

/** An error as words for the page, never a stack trace. */
export function describeError(error: unknown): string {
  if (isQuotaError(error)) return `${OUT_OF_SPACE}. Free some space (or delete old items), then try again.`;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** "1 post", "3 posts", "0 to-dos". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
