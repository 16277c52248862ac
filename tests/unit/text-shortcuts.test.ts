// The shortcuts that make the folds, the blank check and the calendar-day check cheap (an
// import runs them on every row) must answer exactly as the plain definitions they replaced,
// which are kept here as the reference.
import { describe, expect, it } from 'vitest';
import { foldCase, foldForSort, isBlank } from '../../src/lib/text';
import { isCalendarDay } from '../../src/lib/validation';

const plainFoldCase = (text: string) => text.toLowerCase().normalize('NFC');
const plainFoldForSort = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\s\p{Z}\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800\u034F\u180B-\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
const plainIsBlank = (text: string) => text.replace(INVISIBLE, '') === '';

function plainIsCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Every ASCII character, and the awkward rest: marks, composed and not, case that changes length or script. */
const PIECES = [
  ...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)),
  'É', 'e\u0301', 'W\u030A', 'ẘ', 'Ä', 'A\u0308', 'İ', 'ı', 'ß', 'ẞ', 'Σ', 'ΟΔΟΣ', 'ς', 'ﬁ', 'Å', '\u212B', '\u212A', 'Ａ', 'Ø', 'æ',
  '\u0345', 'ǅ', 'Ω', '\u2126', '한', '\u1100\u1161', '🌿', '👩‍👧', '\uD800', '\uDC00', '\u00A0', '\u200B', '\u3164', '\u115F\u1160',
  '\u00AD', '\uFEFF', '\u2060', '\u034F', '\uFE0F', '\u{E0100}', '\u2800', '\u0080', '\u009F', 'ǰ', 'ŉ', 'Ⅻ', 'ⓐ', '𝐀',
];

/** mulberry32, so every run tries the same texts. */
function texts(count: number, seed = 0x5eed): string[] {
  let state = seed;
  const below = (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  return Array.from({ length: count }, () => Array.from({ length: below(8) }, () => PIECES[below(PIECES.length)]!).join(''));
}

describe('the shortcuts in the folds and the blank check', () => {
  const all = [...PIECES, ...PIECES.map((piece) => `Ann ${piece} Bo`), ...texts(20_000), 'Buy milk 12', 'Person 3', 'person3@example.com'];

  it('fold every text to the key the full fold gives', () => {
    for (const text of all) {
      expect(foldCase(text), JSON.stringify(text)).toBe(plainFoldCase(text));
      expect(foldForSort(text), JSON.stringify(text)).toBe(plainFoldForSort(text));
    }
  });

  it('see the same texts as blank as taking out every invisible character did', () => {
    for (const text of [...all, ' \u00A0\u3000', '\u200D\u200C', '\u{E0100}\u2800', '\uD800\u200B']) {
      expect(isBlank(text), JSON.stringify(text)).toBe(plainIsBlank(text));
    }
  });
});

describe('a calendar day by arithmetic', () => {
  it('accepts exactly the days a Date reads back unchanged, in every year from 0000 to 9999', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    const same = (text: string) => {
      if (isCalendarDay(text) !== plainIsCalendarDay(text)) expect(isCalendarDay(text), text).toBe(plainIsCalendarDay(text));
    };
    for (let year = 0; year <= 9999; year++) {
      const yyyy = String(year).padStart(4, '0');
      // February's end in every year (the leap years); every month's edges in four centuries and more.
      for (const day of [28, 29, 30]) same(`${yyyy}-02-${two(day)}`);
      if (year > 400 && (year < 1896 || year > 2104) && year !== 9999) continue;
      for (let month = 0; month <= 13; month++) for (const day of [0, 1, 28, 29, 30, 31, 32]) same(`${yyyy}-${two(month)}-${two(day)}`);
    }
  });

  it('answers as the pattern and a Date do for every character in every place', () => {
    const characters = [...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)), '٣', '０', '\u2010', '\uD800', 'É'];
    for (const valid of ['2024-02-29', '0000-01-01', '9999-12-31', '1999-11-30']) {
      for (let at = 0; at < valid.length; at++) {
        for (const character of characters) {
          for (const text of [valid.slice(0, at) + character + valid.slice(at + 1), valid.slice(0, at) + character + valid.slice(at)]) {
            if (isCalendarDay(text) !== plainIsCalendarDay(text)) expect(isCalendarDay(text), JSON.stringify(text)).toBe(plainIsCalendarDay(text));
          }
        }
      }
    }
  });

  it('refuses what is not written YYYY-MM-DD', () => {
    for (const text of ['', '2024-1-01', '2024-01-1', ' 2024-01-01', '2024-01-01 ', '+02024-01-01', '2024/01/01', '2024-01-01T00:00', '２０２４-01-01', '99999-01-01']) {
      expect(isCalendarDay(text), text).toBe(false);
      expect(plainIsCalendarDay(text), text).toBe(false);
    }
  });
});
