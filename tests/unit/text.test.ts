import { describe, expect, it } from 'vitest';
import { rowsNoun } from '../../src/lib/models';
import { categoriesModel } from '../../src/lib/categories/model';
import { counted, formatNumber } from '../../src/lib/text';

describe('saying a count', () => {
  it('uses the singular for one and the plural for everything else', () => {
    expect(counted(1, 'user')).toBe('1 user');
    expect(counted(0, 'user')).toBe('0 users');
    expect(counted(2, 'to-do')).toBe('2 to-dos');
  });

  it('takes irregular plurals, and a model’s own words', () => {
    expect(counted(3, { singular: 'category', plural: 'categories' })).toBe('3 categories');
    expect(counted(1, categoriesModel)).toBe('1 category');
    expect(counted(2, categoriesModel)).toBe('2 categories');
  });

  it('names a table’s rows as the model does', () => {
    expect(counted(4, rowsNoun('todos'))).toBe('4 to-dos');
    expect(counted(1, rowsNoun('users'))).toBe('1 user');
    expect(counted(2, rowsNoun('somethingElse'))).toBe('2 somethingElse');
  });

  it('separates thousands', () => {
    expect(counted(1234, 'to-do')).toBe('1,234 to-dos');
    expect(counted(100000, 'row')).toBe('100,000 rows');
  });
});

describe('formatting a number', () => {
  it('puts a comma between every three digits, and none in short numbers', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1,000');
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(1234567)).toBe('1,234,567');
  });
});
