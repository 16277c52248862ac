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

/** What every id Tend writes looks like: a UUID in lower case, as `uuid` writes them. */
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(text: unknown): text is string {
  return typeof text === 'string' && ID_PATTERN.test(text);
}
