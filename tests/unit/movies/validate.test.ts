import { describe, expect, it } from 'vitest';
import { validateMovie, type MovieInput } from '../../../src/lib/movies/validate';
import { errorsOf } from '../support';

const ok: MovieInput = { title: 'Alien', year: '', watched: false, rating: '', notes: '' };

const errorsFor = (changes: Partial<MovieInput>) => errorsOf(() => validateMovie({ ...ok, ...changes }));

describe('movie validation', () => {
  it('trims text, reads numbers and turns the checkbox into a flag', () => {
    expect(validateMovie({ title: '  Alien ', year: ' 1979 ', watched: true, rating: '4', notes: ' Scary ' })).toEqual({
      title: 'Alien',
      year: 1979,
      watched: 1,
      rating: 4,
      notes: 'Scary',
    });
  });

  it('treats empty year, rating and notes as none', () => {
    expect(validateMovie({ ...ok, year: ' ', notes: '  ' })).toEqual({
      title: 'Alien',
      year: undefined,
      watched: 0,
      rating: undefined,
      notes: undefined,
    });
  });

  it('requires a title of at most 200 characters', () => {
    expect(errorsFor({ title: '   ' })).toEqual({ title: 'Title is required' });
    expect(validateMovie({ ...ok, title: 'a'.repeat(200) }).title).toHaveLength(200);
    expect(errorsFor({ title: 'a'.repeat(201) })).toEqual({ title: 'Title must be at most 200 characters' });
  });

  it('accepts years 1878 to 2100 only', () => {
    expect(validateMovie({ ...ok, year: '1878' }).year).toBe(1878);
    expect(validateMovie({ ...ok, year: '2100' }).year).toBe(2100);
    expect(errorsFor({ year: '1877' })).toEqual({ year: 'Year must be from 1878 to 2100' });
    expect(errorsFor({ year: '2101' })).toEqual({ year: 'Year must be from 1878 to 2100' });
  });

  it('refuses a year that is not a whole number', () => {
    for (const year of ['abc', '1984.5', '19 84']) {
      expect(errorsFor({ year })).toEqual({ year: 'Year must be a whole number' });
    }
  });

  it('accepts ratings 1 to 5 only', () => {
    expect(validateMovie({ ...ok, rating: '1' }).rating).toBe(1);
    expect(validateMovie({ ...ok, rating: '5' }).rating).toBe(5);
    expect(errorsFor({ rating: '0' })).toEqual({ rating: 'Rating must be from 1 to 5' });
    expect(errorsFor({ rating: '6' })).toEqual({ rating: 'Rating must be from 1 to 5' });
  });

  it('refuses notes over 2,000 characters', () => {
    expect(validateMovie({ ...ok, notes: 'n'.repeat(2000) }).notes).toHaveLength(2000);
    expect(errorsFor({ notes: 'n'.repeat(2001) })).toEqual({ notes: 'Notes must be at most 2,000 characters' });
  });

  it('reports every bad field at once', () => {
    expect(Object.keys(errorsFor({ title: '', year: '1800', rating: '9' })).sort()).toEqual(['rating', 'title', 'year']);
  });
});
