import * as v from 'valibot';

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

/** Required text: trimmed, then 1 to `max` characters. */
export function requiredText(label: string, max: number) {
  return v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty(`${label} is required`),
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
