import { afterEach, describe, expect, it, vi } from 'vitest';
import { isId, newId } from '../../src/db/ids';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('newId', () => {
  it('makes lower-case UUIDv7 ids (version 7, RFC 9562 variant) that isId accepts', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isId(id)).toBe(true);
  });

  it('starts with the time, so an id made later sorts later', () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2030, 0, 1));
    const earlier = newId();
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2030, 0, 2));
    const later = newId();
    expect(earlier < later).toBe(true);
    expect(Number.parseInt(later.replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2030, 0, 2));
  });

  it('gives distinct ids in creation order within one millisecond, and when the clock goes back', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2031, 0, 1));
    const ids = Array.from({ length: 10_000 }, () => newId());
    now.mockReturnValue(Date.UTC(2031, 0, 1) - 60_000);
    ids.push(newId(), newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('isId', () => {
  it('accepts only ids as Tend writes them', () => {
    for (const other of [3, '3', 'abc', '', undefined, null, '0195E6A2-7C1B-7D3E-8F4A-2B6C9D0E1F23', '0195e6a2-7c1b-7d3e-8f4a-2b6c9d0e1f2', `${newId()} `]) {
      expect(isId(other), String(other)).toBe(false);
    }
  });
});

describe('isId by its characters', () => {
  // The pattern isId replaced (an import checks every id with it), kept as the reference.
  const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const valid = '0195e6a2-7c1b-7d3e-8f4a-2b6c9d0e1f23';
  const characters = [...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)), 'É', 'ａ', '٣', '\u2010', '\uD800', '🌿'];

  it('answers as the pattern does for every character in every place, and for every length', () => {
    const tried: string[] = [valid, newId(), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', `${valid}\n`, `\n${valid}`];
    for (let at = 0; at < valid.length; at++) {
      for (const character of characters) {
        tried.push(valid.slice(0, at) + character + valid.slice(at + 1));
        tried.push(valid.slice(0, at) + character + valid.slice(at));
      }
      tried.push(valid.slice(0, at) + valid.slice(at + 1));
    }
    for (let length = 0; length <= 40; length++) tried.push(valid.repeat(2).slice(0, length), '0'.repeat(length), '-'.repeat(length));
    for (const text of tried) expect(isId(text), JSON.stringify(text)).toBe(ID_PATTERN.test(text));
    expect(tried.filter((text) => isId(text)).length).toBeGreaterThan(500);
  });
});
