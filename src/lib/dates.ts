// Dates read "4 Mar 2025" and times "4 Mar 2025, 09:05", in the device's time zone: one form
// for every English reader (day before month, the month in letters, so never ambiguous), like
// the rest of Tend's words. Made by hand rather than with Intl: a page's first Intl formatter
// loads the locale's data, about 15 ms of the to-do list's start, and a start has no idle
// moment to hide it in.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const twoDigits = (n: number) => String(n).padStart(2, '0');

/** A local calendar day as `YYYY-MM-DD`, as <input type="date"> and Tend's file names write it. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
}

export function formatDate(ms: number | Date | undefined): string | undefined {
  if (ms === undefined) return undefined;
  const date = new Date(ms);
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

export function formatDateTime(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  const date = new Date(ms);
  return `${formatDate(date)}, ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}
