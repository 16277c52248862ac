import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { loadSampleData } from '../../src/lib/sample-data';
import { describeError, isQuotaError } from '../../src/lib/text';
import { createUser } from '../../src/lib/users/mutations';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('a full device', () => {
  it('is recognised as a QuotaExceededError, and wrapped in an AbortError by Dexie', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quota()))).toBe(true);
    expect(isQuotaError(new DOMException('Quota exceeded while committing', 'AbortError'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted'))).toBe(false);
    expect(isQuotaError(new Error('something else'))).toBe(false);
  });

  it('is described in plain words, whichever way it arrives', () => {
    for (const error of [quota(), new Dexie.AbortError('aborted', quota())]) {
      expect(describeError(error)).toMatch(/^Your device is out of space for Tend/);
    }
  });

  for (const [shape, fail] of [
    ['QuotaExceededError', quota],
    ['AbortError around it', () => new Dexie.AbortError('Transaction aborted', quota())],
  ] as const) {
    it(`leaves nothing half-written (${shape})`, async () => {
      const stop = () => {
        throw fail();
      };
      db.movies.hook('creating', stop);
      const error = await loadSampleData().then(
        () => undefined,
        (error: unknown) => error,
      );
      db.movies.hook('creating').unsubscribe(stop);
      expect(describeError(error)).toMatch(/^Your device is out of space for Tend/);
      // The users, category, posts and to-dos written before the movies are rolled back too.
      for (const table of [db.users, db.categories, db.posts, db.todos, db.movies]) expect(await table.count()).toBe(0);
      // And the same form input can be saved once there is room again.
      await createUser({ username: 'Ann', email: '' });
      expect(await db.users.count()).toBe(1);
    });
  }
});
