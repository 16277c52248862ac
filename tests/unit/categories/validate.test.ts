import { describe, expect, it } from 'vitest';
import { validateCategory } from '../../../src/lib/categories/validate';
import { errorsOf } from '../support';

const errorsFor = (name: string) => errorsOf(() => validateCategory({ name }));

describe('category validation', () => {
  it('trims the name', () => {
    expect(validateCategory({ name: '  Garden  ' })).toEqual({ name: 'Garden' });
  });

  it('requires a name, blank or spaces alike', () => {
    expect(errorsFor('')).toEqual({ name: 'Name is required' });
    expect(errorsFor('   ')).toEqual({ name: 'Name is required' });
  });

  it('accepts 50 characters and refuses 51, counted after trimming', () => {
    expect(validateCategory({ name: ` ${'a'.repeat(50)} ` }).name).toHaveLength(50);
    expect(errorsFor('a'.repeat(51))).toEqual({ name: 'Name must be at most 50 characters' });
  });
});
