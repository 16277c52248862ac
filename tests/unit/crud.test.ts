import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, parseId } from '../../src/lib/crud';

describe('ids in URLs', () => {
  it('reads positive integers', () => {
    expect(parseId('1')).toBe(1);
    expect(parseId('987654')).toBe(987654);
  });

  it('treats anything else as no id', () => {
    for (const text of [undefined, '', '0', '-1', '01', '1.5', 'abc', '1e3', ' 1', '99999999999999999']) {
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
