import { v7 } from 'uuid';

/**
 * A new row's id: a UUIDv7 (RFC 9562), made on this device with no coordination. 48 bits of
 * milliseconds then 74 random bits (of which `uuid` uses some as a counter within one
 * millisecond), so two devices adding rows offline at the same moment never meet, and ids
 * made here sort in the order they were made: lists that tie on their sort key still show
 * the older row first, as they did with auto-incremented numbers.
 */
export function newId(): string {
  return v7();
}

/**
 * What every id Tend writes looks like: a UUID in lower case, as `uuid` writes them
 * (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/). Read character by
 * character rather than by that pattern: an import checks every id and link of every row,
 * and the pattern was the largest single cost of checking a file (tests/unit/ids.test.ts
 * holds the two to the same answers).
 */
export function isId(text: unknown): text is string {
  if (typeof text !== 'string' || text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const code = text.charCodeAt(i);
    // A hyphen after 8, 4, 4 and 4 digits; 0-9 or a-f everywhere else.
    const fits = i === 8 || i === 13 || i === 18 || i === 23 ? code === 0x2d : (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66);
    if (!fits) return false;
  }
  return true;
}
