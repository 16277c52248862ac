import { describe, expect, it } from 'vitest';
import { dataLayer, holdData, withData } from '../../src/lib/data';

describe('the way to the data layer', () => {
  it('holds every use until the database has settled, then lets them through in order', async () => {
    await dataLayer;
    let open: () => void = () => {};
    holdData(new Promise<void>((resolve) => (open = resolve)));
    const used: string[] = [];
    const first = withData(async () => void used.push('first'));
    const second = withData(async () => void used.push('second'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(used).toEqual([]);
    open();
    await Promise.all([first, second]);
    expect(used).toEqual(['first', 'second']);
  });

  it('runs a use at once, in the caller’s turn, once loaded and not held (as liveQuery needs)', async () => {
    await dataLayer;
    let ran = false;
    const done = withData(async ({ db }) => {
      ran = db.name === 'tend';
    });
    expect(ran).toBe(true);
    await done;
  });
});
