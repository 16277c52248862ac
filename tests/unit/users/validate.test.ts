import { describe, expect, it } from 'vitest';
import { validateUser } from '../../../src/lib/users/validate';
import { errorsOf } from '../support';

const errorsFor = (input: { username: string; email: string }) => errorsOf(() => validateUser(input));

describe('user validation', () => {
  it('trims the username and email', () => {
    expect(validateUser({ username: '  Ann  ', email: ' ann@example.com ' })).toEqual({
      username: 'Ann',
      email: 'ann@example.com',
    });
  });

  it('treats an empty email as none', () => {
    expect(validateUser({ username: 'Ann', email: '   ' })).toEqual({ username: 'Ann', email: undefined });
  });

  it('requires a username, blank or spaces alike', () => {
    expect(errorsFor({ username: '', email: '' })).toEqual({ username: 'Username is required' });
    expect(errorsFor({ username: '    ', email: '' })).toEqual({ username: 'Username is required' });
  });

  it('accepts 80 characters and refuses 81', () => {
    expect(validateUser({ username: 'a'.repeat(80), email: '' }).username).toHaveLength(80);
    expect(errorsFor({ username: 'a'.repeat(81), email: '' })).toEqual({
      username: 'Username must be at most 80 characters',
    });
  });

  it('counts the length after trimming', () => {
    expect(validateUser({ username: ` ${'a'.repeat(80)} `, email: '' }).username).toHaveLength(80);
  });

  it('refuses an email that is not an address', () => {
    for (const email of ['ann', 'ann@', '@example.com', 'ann example@x.com']) {
      expect(errorsFor({ username: 'Ann', email })).toEqual({ email: 'Enter a valid email address, like ann@example.com' });
    }
  });

  it('refuses an email over 120 characters', () => {
    const email = `${'a'.repeat(109)}@example.com`; // 121 characters
    expect(errorsFor({ username: 'Ann', email })).toEqual({ email: 'Email must be at most 120 characters' });
  });

  it('reports every bad field at once', () => {
    expect(Object.keys(errorsFor({ username: '', email: 'nope' })).sort()).toEqual(['email', 'username']);
  });
});
