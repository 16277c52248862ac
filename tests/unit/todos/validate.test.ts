import { describe, expect, it } from 'vitest';
import { validateTitle, validateTodo, type TodoInput } from '../../../src/lib/todos/validate';
import { ValidationError } from '../../../src/lib/errors';
import { todoInput } from './factories';
import { errorsOf, fixedId } from '../support';

const errorsFor = (input: TodoInput) => errorsOf(() => validateTodo(input));

describe('to-do validation', () => {
  it('trims the text and turns empty optional fields into none', () => {
    expect(validateTodo(todoInput({ title: '  Buy milk ', notes: '   ', dueDate: ' ' }))).toEqual({
      title: 'Buy milk',
      notes: undefined,
      dueDate: undefined,
      done: 0,
      userId: undefined,
      categoryId: undefined,
    });
  });

  it('keeps done as 1 and the chosen ids as the strings they are', () => {
    expect(validateTodo(todoInput({ done: true, userId: fixedId(3), categoryId: fixedId(12), dueDate: '2025-03-04' }))).toMatchObject({
      done: 1,
      userId: fixedId(3),
      categoryId: fixedId(12),
      dueDate: '2025-03-04',
    });
  });

  it('requires a title, blank or spaces alike', () => {
    expect(errorsFor(todoInput({ title: '' }))).toEqual({ title: 'Title is required' });
    expect(errorsFor(todoInput({ title: '   ' }))).toEqual({ title: 'Title is required' });
  });

  it('accepts a 200-character title and refuses 201, counting after trimming', () => {
    expect(validateTodo(todoInput({ title: ` ${'a'.repeat(200)} ` })).title).toHaveLength(200);
    expect(errorsFor(todoInput({ title: 'a'.repeat(201) }))).toEqual({ title: 'Title must be at most 200 characters' });
  });

  it('accepts 2,000 characters of notes and refuses 2001', () => {
    expect(validateTodo(todoInput({ notes: 'n'.repeat(2000) })).notes).toHaveLength(2000);
    expect(errorsFor(todoInput({ notes: 'n'.repeat(2001) }))).toEqual({ notes: 'Notes must be at most 2,000 characters' });
  });

  it('accepts real days, leap days included, and refuses days that do not exist', () => {
    expect(validateTodo(todoInput({ dueDate: '2024-02-29' })).dueDate).toBe('2024-02-29');
    for (const dueDate of ['2025-02-30', '2025-02-29', '2025-13-01', '2025-3-4', 'tomorrow']) {
      expect(errorsFor(todoInput({ dueDate }))).toEqual({ dueDate: 'Due date must be a real date' });
    }
  });

  it('refuses an owner or category that is not an id', () => {
    expect(validateTodo(todoInput({ userId: '0190a6e4-3b2c-7d4e-8f60-1a2b3c4d5e6f' })).userId).toBe('0190a6e4-3b2c-7d4e-8f60-1a2b3c4d5e6f');
    // Old numbers, words, and a UUID in capitals (Tend writes and matches them in lower case).
    for (const notId of ['3', 'abc', '0190A6E4-3B2C-7D4E-8F60-1A2B3C4D5E6F']) {
      expect(errorsFor(todoInput({ userId: notId, categoryId: notId })), notId).toEqual({
        userId: 'Choose one of the options',
        categoryId: 'Choose one of the options',
      });
    }
  });

  it('reports every bad field at once', () => {
    expect(Object.keys(errorsFor(todoInput({ title: '', notes: 'n'.repeat(2001), dueDate: '2025-02-30' }))).sort()).toEqual([
      'dueDate',
      'notes',
      'title',
    ]);
  });

  it('checks a title alone the same way, for the add box and editing in place', () => {
    expect(validateTitle('  Call mum ')).toBe('Call mum');
    expect(() => validateTitle('  ')).toThrow(ValidationError);
    expect(() => validateTitle('a'.repeat(201))).toThrow('Title must be at most 200 characters');
  });
});
