// The errors Tend's writes throw for a person to read. Apart from the valibot rules in
// validation.ts, so code that only catches or throws them does not load those.

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
