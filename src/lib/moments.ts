// Moments typed as a date and time (a post's publication date): read strictly, kept within
// years every device can show, and turned back into what the form shows. Apart from
// validation.ts so that only the screens that edit a moment load it.
import * as v from 'valibot';
import { localDay, twoDigits } from './dates';

/**
 * The moments Tend stores for a date and time: within the years 1000 to 9999 in every time
 * zone (14 hours inside each end), so any device shows and edits it as a four-digit year.
 */
export const MIN_MOMENT = Date.UTC(1000, 0, 1, 14);
export const MAX_MOMENT = Date.UTC(9999, 11, 31, 10);

export function isMomentInRange(ms: number): boolean {
  return ms >= MIN_MOMENT && ms <= MAX_MOMENT;
}

/** The check a stored date and time must pass, in the form and in an imported file alike. */
export function momentInRange(label: string) {
  return v.check(isMomentInRange, `${label} must be in the years 1000 to 9999`);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Reads `YYYY-MM-DD` (local midnight) or an ISO date and time (`YYYY-MM-DDTHH:mm`, with
 * optional seconds, milliseconds and zone; without a zone it is local time, as
 * <input type="datetime-local"> gives it) as milliseconds, or NaN. Strict, unlike Date's own
 * parser, which reads "0" as the year 2000 and "-1" as 2001: every field must be a real one.
 */
export function parseDateTime(text: string): number {
  const match = DATE_TIME.exec(text);
  if (!match) return Number.NaN;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone] = match;
  const parts = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const ms = Number(fraction.padEnd(3, '0'));
  const [y, mo, d, h, mi, s] = parts;
  if (zone === undefined) {
    const date = new Date(y, mo - 1, d, h, mi, s, ms);
    const same = date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d;
    // A local time skipped by a daylight-saving change moves on by the gap; the date stays real.
    return same && h < 24 && mi < 60 && s < 60 ? date.getTime() : Number.NaN;
  }
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  utc.setUTCFullYear(y);
  if (utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return Number.NaN;
  if (zone === 'Z') return utc.getTime();
  const [zoneHours, zoneMinutes] = zone.slice(1).split(':').map(Number) as [number, number];
  if (zoneHours > 14 || zoneMinutes > 59) return Number.NaN;
  const offset = (zoneHours * 60 + zoneMinutes) * 60_000;
  return utc.getTime() - (zone.startsWith('-') ? -offset : offset);
}

/**
 * A moment typed as local `YYYY-MM-DDTHH:mm` (what <input type="datetime-local"> gives) or
 * any form parseDateTime reads, stored as milliseconds; empty means `fallback()` (such as now).
 */
export function dateTime(label: string, fallback: () => number) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.transform((text) => (text === '' ? fallback() : parseDateTime(text))),
    v.check((ms) => Number.isFinite(ms), `${label} must be a real date and time, like 2025-03-14T09:30`),
    momentInRange(label),
  );
}

/** Turns a stored moment back into what <input type="datetime-local"> shows. */
export function toLocalDateTimeInput(ms: number): string {
  const date = new Date(ms);
  return `${localDay(date)}T${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}
