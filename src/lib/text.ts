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

/** What a count counts: a word that takes an "s" ("post"), or both forms ("category", "categories"). */
export type Noun = string | { readonly singular: string; readonly plural: string };

/**
 * Every count Tend says: "1 post", "3 categories", "1,234 to-dos". A model is a noun too:
 * `counted(total, usersModel)`.
 */
export function counted(count: number, noun: Noun): string {
  const { singular, plural } = typeof noun === 'string' ? { singular: noun, plural: `${noun}s` } : noun;
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}

/**
 * A whole number with thousands separators: "100,000". By hand rather than toLocaleString,
 * whose first use in a page loads Intl's locale data (the to-do list says a count at start),
 * and so that every number reads the same on every device, like Tend's dates.
 */
export function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
