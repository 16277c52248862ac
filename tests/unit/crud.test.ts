import { describe, expect, it } from 'vitest';
import { parseId } from '../../src/lib/crud';

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
