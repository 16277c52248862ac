/**
 * The form of a name used to compare it ignoring case ("Ann", "ANN" and "ann" are one): the
 * key of the unique indexes. Lower-cased first, then composed (NFC): lower-casing composed text
 * can leave text that is not composed ("W\u030A" becomes "w\u030A", whose composed form is
 * "ẘ"), and two spellings of one name must give one key. Accents still count: "Ann" and "Änn"
 * are two people.
 */
export function foldCase(text: string): string {
  return isAscii(text) ? text.toLowerCase() : text.toLowerCase().normalize('NFC');
}

/**
 * The key names and titles are sorted and searched by, ignoring case AND accents, as people
 * read them: "Álvaro" between "Alice" and "Bob", and "alv" finds it. Lower-cased, then split
 * by canonical decomposition (NFD: "á" is "a" and a combining accent), every mark (\p{M})
 * removed, and composed again (NFC) so equal text gives one key. Letters that are not a base
 * letter plus a mark stay themselves ("ø", "ß", "æ"). Never a uniqueness key: "Ann" and "Änn"
 * sort together but are two people.
 */
export function foldForSort(text: string): string {
  return isAscii(text) ? text.toLowerCase() : text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/**
 * Text in ASCII only, whose folds are its lower case alone: no ASCII letter has a mark to
 * take off or a composed form, so normalising changes nothing. Most names and titles are, and
 * the two normalisations are most of a fold's cost (an import folds every row's title).
 */
const ASCII = /^[\0-\x7F]*$/;

function isAscii(text: string): boolean {
  return ASCII.test(text);
}

/**
 * Any character but those that show nothing by themselves: white space and separators,
 * controls, format characters (\p{Cf}: zero-width space and joiners, soft hyphen, direction
 * marks), the Hangul fillers, the blank braille pattern, the combining grapheme joiner and
 * variation selectors. One is enough for text to show something, and the search stops at the
 * first (most often a title's first letter) rather than copying the text without the others.
 */
// Each character here is meant alone, never as a pair with the one before it (the rule
// warns of combining characters in a class, which is exactly what some of these are).
// eslint-disable-next-line no-misleading-character-class
const VISIBLE = /[^\s\p{Z}\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800\u034F\u180B-\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;

/** Whether text shows nothing at all, so a name or title made only of it is as good as empty. */
export function isBlank(text: string): boolean {
  // Most names and titles start with a printable ASCII character (! to ~), which shows itself:
  // the search then has nothing to find. A third of its time, for every title of an import.
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return !VISIBLE.test(text);
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
