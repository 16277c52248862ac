// The rules several models share. A rule only one model uses lives in that model's
// validate.ts (an email, a whole number, a required choice), and a post's date and time in
// moments.ts, so the first screen's script carries only what the to-do list needs.
import * as v from 'valibot';
import { isId } from '../db/ids';
import { counted, isBlank } from './text';
import { ValidationError, type FieldErrors } from './errors';

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
    v.maxLength(max, `${label} must be at most ${counted(max, 'character')}`),
  );
}

/** Optional text: trimmed; empty means none (undefined), otherwise at most `max` characters. */
export function optionalText(label: string, max: number) {
  return v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.maxLength(max, `${label} must be at most ${counted(max, 'character')}`),
    v.transform((text) => text || undefined),
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

/** An optional row chosen in a <select>; empty means none. */
export function optionalId() {
  return v.pipe(
    v.optional(v.string(), ''),
    v.check((text) => text === '' || isId(text), 'Choose one of the options'),
    v.transform((text) => (text === '' ? undefined : text)),
  );
}

/** A checkbox, stored as 0 or 1 so IndexedDB can index it. */
export function flag() {
  return v.pipe(
    v.optional(v.boolean(), false),
    v.transform((checked): 0 | 1 => (checked ? 1 : 0)),
  );
}

/**
 * Whether text is a real day of the (proleptic Gregorian) calendar as `YYYY-MM-DD`, years 0000
 * to 9999. By arithmetic on its characters rather than through a Date and back, or a pattern
 * and slices: an import checks every to-do's due date, and this took a quarter of the time of
 * the pattern and slices (themselves cheaper than making two strings per date).
 */
export function isCalendarDay(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return false;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The number the characters from `start` to `end` write in 0-9 (as \d reads them), or -1. */
function digits(text: string, start: number, end: number): number {
  let number = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
