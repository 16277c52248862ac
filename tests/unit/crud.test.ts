import { describe, expect, it } from 'vitest';
import { newId } from '../../src/db/ids';
import { parseId } from '../../src/lib/crud';
import { formatDate, formatDateTime } from '../../src/lib/dates';

describe('ids in URLs', () => {
  it('reads a row id as it is stored: a lower-case UUID', () => {
    expect(parseId('0190a6e4-3b2c-7d4e-8f60-1a2b3c4d5e6f')).toBe('0190a6e4-3b2c-7d4e-8f60-1a2b3c4d5e6f');
    const made = newId();
    expect(parseId(made)).toBe(made);
  });

  it('treats anything else as no id, old numbers included (they are redirected before)', () => {
    const upper = '0190A6E4-3B2C-7D4E-8F60-1A2B3C4D5E6F';
    for (const text of [undefined, '', '0', '1', '987654', 'abc', upper, ' 0190a6e4-3b2c-7d4e-8f60-1a2b3c4d5e6f', '0190a6e43b2c7d4e8f601a2b3c4d5e6f']) {
      expect(parseId(text)).toBeUndefined();
    }
  });
});

describe('dates for people', () => {
  it('read day, month in letters, year', () => {
    expect(formatDate(new Date(2025, 2, 4))).toBe('4 Mar 2025');
    expect(formatDate(new Date(1999, 11, 31).getTime())).toBe('31 Dec 1999');
    expect(formatDate(undefined)).toBeUndefined();
  });

  it('give times on a 24-hour clock in the device’s time zone', () => {
    expect(formatDateTime(new Date(2025, 0, 9, 9, 5).getTime())).toBe('9 Jan 2025, 09:05');
    expect(formatDateTime(new Date(2025, 0, 9, 23, 59).getTime())).toBe('9 Jan 2025, 23:59');
    expect(formatDateTime(undefined)).toBeUndefined();
  });
});
