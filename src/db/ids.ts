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

const HEX_DIGIT = 1;
const HYPHEN = 2;

/** What each character up to 'f' is to an id: a hex digit (0-9, a-f), a hyphen, or neither (0). */
const CHARACTER_KIND = new Uint8Array(0x67);
CHARACTER_KIND.fill(HEX_DIGIT, 0x30, 0x3a);
CHARACTER_KIND.fill(HEX_DIGIT, 0x61, 0x67);
CHARACTER_KIND[0x2d] = HYPHEN;

/** What each of an id's 36 places holds: hex digits, with a hyphen after 8, 4, 4 and 4 of them. */
const ID_SHAPE = new Uint8Array(36).fill(HEX_DIGIT);
for (const at of [8, 13, 18, 23]) ID_SHAPE[at] = HYPHEN;

/**
 * What every id Tend writes looks like: a UUID in lower case, as `uuid` writes them
 * (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/). Read character by
 * character rather than by that pattern: an import checks every id and link of every row,
 * and the pattern was the largest single cost of checking a file (tests/unit/ids.test.ts
 * holds the two to the same answers). Each character is one look-up and one comparison: what
 * it is (CHARACTER_KIND) against what its place wants (ID_SHAPE), from two small tables. That
 * took about half the time of working both out with comparisons, in Chromium, for the 30,000
 * ids and links of a file of 10,000 to-dos.
 */
export function isId(text: unknown): text is string {
  if (typeof text !== 'string' || text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const code = text.charCodeAt(i);
    // 'f' is the highest character an id has; anything above is not in CHARACTER_KIND.
    if (code > 0x66 || CHARACTER_KIND[code] !== ID_SHAPE[i]) return false;
  }
  return true;
}
