import * as v from 'valibot';
import { localDay, twoDigits } from './crud';
import { isBlank } from './text';

export type FieldErrors = Record<string, string>;

/** Bad input: a message per field, in words a person can act on. Nothing was written. */
export class ValidationError extends Error {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join(' '));
    this.name = 'ValidationError';
  }
}

/**
 * A row the person asked for is gone (deleted, perhaps in another tab). Not called
 * NotFoundError: Dexie re-wraps errors bearing that DOMException name.
 */
export class MissingRowError extends Error {
  constructor(what: string) {
    super(`That ${what} no longer exists.`);
    this.name = 'MissingRowError';
  }
}

/** Parses input with a valibot schema, or throws ValidationError with the first message per field. */
export function parseInput<const Schema extends v.GenericSchema>(
  schema: Schema,
  input: unknown,
): v.InferOutput<Schema> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return result.output;
  const errors: FieldErrors = {};
  for (const issue of result.issues) {
    const field = String(issue.path?.[0]?.key ?? 'form');
    errors[field] ??= issue.message;
  }
  throw new ValidationError(errors);
}

/**
 * Required text: trimmed, then 1 to `max` characters, not all of them invisible (a title of
 * zero-width spaces or Hangul fillers would be an empty-looking row nobody can click).
 */
export function requiredText(label: string, max: number) {
  return v.pipe(
    v.string(),
    v.trim(),
    v.check((text) => !isBlank(text), `${label} is required`),
    v.maxLength(max, `${label} must be at most ${max} characters`),
  );
}

/** Optional email: trimmed; empty means none (undefined), otherwise at most `max` and valid. */
export function optionalEmail(label: string, max: number) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.maxLength(max, `${label} must be at most ${max} characters`),
    v.check((text) => text === '' || v.EMAIL_REGEX.test(text), 'Enter a valid email address, like ann@example.com'),
    v.transform((text) => text || undefined),
  );
}

/** Optional text: trimmed; empty means none (undefined), otherwise at most `max` characters. */
export function optionalText(label: string, max: number) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.maxLength(max, `${label} must be at most ${max} characters`),
    v.transform((text) => text || undefined),
  );
}

/** Optional whole number typed as text, from `min` to `max`; empty means none. */
export function optionalInteger(label: string, min: number, max: number) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.check((text) => text === '' || /^-?\d+$/.test(text), `${label} must be a whole number`),
    v.transform((text) => (text === '' ? undefined : Number(text))),
    v.check((value) => value === undefined || (value >= min && value <= max), `${label} must be from ${min} to ${max}`),
  );
}

/** Optional calendar day as `YYYY-MM-DD` (what <input type="date"> gives); empty means none. */
export function optionalDay(label: string) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.check((text) => text === '' || isCalendarDay(text), `${label} must be a real date`),
    v.transform((text) => text || undefined),
  );
}

/**
 * The moments Tend stores for a date and time: within the years 1000 to 9999 in every time
 * zone (14 hours inside each end), so any device shows and edits it as a four-digit year.
 */
export const MIN_MOMENT = Date.UTC(1000, 0, 1, 14);
export const MAX_MOMENT = Date.UTC(9999, 11, 31, 10);

export function isMomentInRange(ms: number): boolean {
  return ms >= MIN_MOMENT && ms <= MAX_MOMENT;
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
    v.check(isMomentInRange, `${label} must be in the years 1000 to 9999`),
  );
}

/** A row chosen in a <select>, by id as text. */
export function requiredId(message: string) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.check((text) => /^[1-9]\d*$/.test(text), message),
    v.transform(Number),
  );
}

/** An optional row chosen in a <select>; empty means none. */
export function optionalId() {
  return v.pipe(
    v.optional(v.string(), ''),
    v.check((text) => text === '' || /^[1-9]\d*$/.test(text), 'Choose one of the options'),
    v.transform((text) => (text === '' ? undefined : Number(text))),
  );
}

/** A checkbox, stored as 0 or 1 so IndexedDB can index it. */
export function flag() {
  return v.pipe(
    v.optional(v.boolean(), false),
    v.transform((checked): 0 | 1 => (checked ? 1 : 0)),
  );
}

function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Turns a stored moment back into what <input type="datetime-local"> shows. */
export function toLocalDateTimeInput(ms: number): string {
  const date = new Date(ms);
  return `${localDay(date)}T${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}
