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
 * to 9999. By arithmetic rather than through a Date and back: an import checks every to-do's
 * due date, and making two strings per date cost more than the rest of its rules.
 */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
