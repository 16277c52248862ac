import { afterEach, describe, expect, it, vi } from 'vitest';
import { validatePost, type PostInput } from '../../../src/lib/posts/validate';
import { errorsOf, fixedId } from '../support';

const valid: PostInput = { title: 'Hello', body: 'Some words', pubDate: '2024-05-01T09:30', categoryId: fixedId(1), authorId: '' };

/** Not ids: old numbers, words, and a UUID in capitals (Tend writes and matches them in lower case). */
const notIds = ['3', 'abc', '0190A6E4-3B2C-7D4E-8F60-1A2B3C4D5E6F'];

const errorsFor = (change: Partial<PostInput>) => errorsOf(() => validatePost({ ...valid, ...change }));

afterEach(() => {
  vi.useRealTimers();
});

describe('post validation', () => {
  it('trims the text and turns the date and ids into values to store', () => {
    expect(validatePost({ ...valid, title: '  Hello ', body: ' Some words\n', categoryId: fixedId(3), authorId: fixedId(7) })).toEqual({
      title: 'Hello',
      body: 'Some words',
      pubDate: new Date('2024-05-01T09:30').getTime(),
      categoryId: fixedId(3),
      authorId: fixedId(7),
    });
  });

  it('requires a title of at most 80 characters', () => {
    expect(errorsFor({ title: '  ' })).toEqual({ title: 'Title is required' });
    expect(validatePost({ ...valid, title: 'a'.repeat(80) }).title).toHaveLength(80);
    expect(errorsFor({ title: 'a'.repeat(81) })).toEqual({ title: 'Title must be at most 80 characters' });
  });

  it('requires a body of at most 20,000 characters', () => {
    expect(errorsFor({ body: ' \n ' })).toEqual({ body: 'Body is required' });
    expect(validatePost({ ...valid, body: 'a'.repeat(20000) }).body).toHaveLength(20000);
    expect(errorsFor({ body: 'a'.repeat(20001) })).toEqual({ body: 'Body must be at most 20,000 characters' });
  });

  it('publishes now when no date is given', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-02T03:04:05Z'));
    expect(validatePost({ ...valid, pubDate: '' }).pubDate).toBe(Date.parse('2030-01-02T03:04:05Z'));
    expect(validatePost({ ...valid, pubDate: '   ' }).pubDate).toBe(Date.parse('2030-01-02T03:04:05Z'));
  });

  it('refuses a date that is not one', () => {
    for (const pubDate of ['soon', '0', '-1', '2025', '2025-02-30', '2025-13-01T10:00', '2025-01-01T24:00', '2025-1-1', '1/2/2025', '2025-01-01 10:00']) {
      expect(errorsFor({ pubDate }), pubDate).toEqual({ pubDate: 'Publication date must be a real date and time, like 2025-03-14T09:30' });
    }
  });

  it('refuses a date outside the years 1000 to 9999, which no device could show to edit', () => {
    for (const pubDate of ['0999-12-31T12:00', '1000-01-01T00:00', '9999-12-31T23:59', '+010000-01-01']) {
      expect(Object.keys(errorsFor({ pubDate })), pubDate).toEqual(['pubDate']);
    }
    expect(errorsFor({ pubDate: '0999-12-31T12:00' })).toEqual({ pubDate: 'Publication date must be in the years 1000 to 9999' });
  });

  it('reads a day, a local date and time, and an ISO moment with its zone', () => {
    expect(validatePost({ ...valid, pubDate: '2025-03-14' }).pubDate).toBe(new Date(2025, 2, 14).getTime());
    expect(validatePost({ ...valid, pubDate: '2025-03-14T09:30' }).pubDate).toBe(new Date(2025, 2, 14, 9, 30).getTime());
    expect(validatePost({ ...valid, pubDate: '2025-03-14T09:30:15.5Z' }).pubDate).toBe(Date.UTC(2025, 2, 14, 9, 30, 15, 500));
    expect(validatePost({ ...valid, pubDate: '2025-03-14T09:30+02:00' }).pubDate).toBe(Date.UTC(2025, 2, 14, 7, 30));
    expect(validatePost({ ...valid, pubDate: '1000-01-02T00:00' }).pubDate).toBe(new Date(1000, 0, 2).getTime());
  });

  it('requires a category chosen by id', () => {
    for (const categoryId of ['', '0', '-1', '1.5', ...notIds]) {
      expect(errorsFor({ categoryId }), categoryId).toEqual({ categoryId: 'Choose a category' });
    }
  });

  it('treats an empty author as none and refuses one that is not an id', () => {
    expect(validatePost(valid).authorId).toBeUndefined();
    expect(validatePost({ ...valid, authorId: '0190a6e4-3b2c-7d4e-8f60-1a2b3c4d5e6f' }).authorId).toBe('0190a6e4-3b2c-7d4e-8f60-1a2b3c4d5e6f');
    for (const authorId of notIds) {
      expect(errorsFor({ authorId }), authorId).toEqual({ authorId: 'Choose one of the options' });
    }
  });

  it('reports every bad field at once', () => {
    expect(Object.keys(errorsFor({ title: '', body: '', categoryId: '' })).sort()).toEqual(['body', 'categoryId', 'title']);
  });
});
