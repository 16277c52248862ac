import { describe, expect, it } from 'vitest';
import { mergeResults, runLines } from '../../bench/results.mjs';

const fullMachine = { cpu: 'AMD EPYC', cores: 2, memoryGB: 25, os: 'Linux 6', node: 'v20', chromium: '150', date: '2026-11-24T12:38:21.433Z', benchSeconds: 1328, loadBefore: 2.6, loadAfter: 3.9 };
const syncMachine = { ...fullMachine, date: '2026-12-07T21:10:00.000Z', benchSeconds: 300, loadBefore: 4.04, loadAfter: 3.56 };

// A full run as `npm run bench` writes bench/results.json, much shortened.
const full = {
  machine: fullMachine,
  config: { sizes: [10_000, 100_000] },
  figures: [
    { id: 1, size: 10_000, tend: 2431 },
    { id: 1, size: 100_000, tend: 37234 },
    { id: '9a', tend: 40.9 },
    { id: '10a', size: 10_000, tend: 8631 },
    { id: '10c', size: 10_000, tend: 224 },
  ],
  details: { 'import@10000': { ms: 2431 }, 'firstSync@10000': { documents: 12250 } },
};

// A later `--only=sync --sizes=10000` run.
const sync = {
  machine: syncMachine,
  config: { sizes: [10_000, 100_000] },
  figures: [
    { id: '10a', size: 10_000, tend: 7000 },
    { id: '10c', size: 10_000, tend: 180 },
    { id: '10d', size: 10_000, tend: 30 },
  ],
  details: { 'firstSync@10000': { documents: 12251 }, 'server@10000': { json: 1 } },
};

const ran = { parts: ['sync'], sizes: [10_000] };

describe('merging a partial bench run into bench/results.json', () => {
  it('replaces the figures and details it measured and keeps every other one, in the table’s order', () => {
    const merged = mergeResults(full, sync, ran);
    expect(merged.figures.map((figure) => [figure.id, figure.size, figure.tend])).toEqual([
      [1, 10_000, 2431],
      [1, 100_000, 37234],
      ['9a', undefined, 40.9],
      ['10a', 10_000, 7000],
      ['10c', 10_000, 180],
      ['10d', 10_000, 30],
    ]);
    expect(merged.details).toEqual({ 'import@10000': { ms: 2431 }, 'firstSync@10000': { documents: 12251 }, 'server@10000': { json: 1 } });
    // The full run's machine stays the results' own; the partial run's is kept beside it.
    expect(merged.machine).toEqual(fullMachine);
    expect(merged.partialRuns).toEqual([{ parts: ['sync'], sizes: [10_000], machine: syncMachine, figures: ['10a@10000', '10c@10000', '10d@10000'] }]);
  });

  it('replaces an earlier partial run of the same parts and sizes, and keeps another’s figures that this one did not measure', () => {
    const reads = { ...sync, machine: { ...syncMachine, date: '2026-12-06T09:00:00.000Z' }, figures: [{ id: '2a', size: 10_000, tend: 4 }, { id: '10a', size: 10_000, tend: 9000 }] };
    const once = mergeResults(mergeResults(full, reads, { parts: ['reads', 'sync'], sizes: [10_000] }), sync, ran);
    const twice = mergeResults(once, { ...sync, machine: { ...syncMachine, benchSeconds: 310 } }, ran);
    expect(twice.figures.filter((figure) => figure.id === '10a')).toEqual([{ id: '10a', size: 10_000, tend: 7000 }]);
    expect(twice.partialRuns?.map((run) => [run.parts, run.figures, run.machine.benchSeconds])).toEqual([
      [['reads', 'sync'], ['2a@10000'], 300],
      [['sync'], ['10a@10000', '10c@10000', '10d@10000'], 310],
    ]);
  });

  it('says above the table which run measured which figures, with its date and the machine’s load', () => {
    const lines = runLines(mergeResults(full, sync, ran)).split('\n');
    expect(lines[0]).toBe('AMD EPYC, 2 cores, 25 GB, Linux 6; Node v20; Chromium 150 (headless); 2026-11-24; run took 1328 s.');
    expect(lines[1]).toBe('10a, 10c, 10d: a later run of `--only=sync --sizes=10000`, 2026-12-07 21:10 UTC, load 4.0 before and 3.6 after on 2 cores; run took 300 s.');
    expect(lines).toHaveLength(2);
  });
});
