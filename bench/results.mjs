// bench/results.json as `npm run bench` keeps it: a full run's figures, and the figures of later
// partial runs merged in (`--merge`), each partial run's machine and load kept beside them.

/** @typedef {{ id: number | string, size?: number } & Record<string, unknown>} Figure One row of `figures`, kept whole. */

/**
 * @typedef {object} PartialRun A partial run merged into the results.
 * @property {string[]} parts  the `--only` parts it ran
 * @property {number[]} sizes  the sizes it ran
 * @property {Record<string, unknown>} machine  as `machine` of a full run: its date, load, time
 * @property {string[]} figures  what it measured, as `<id>@<size>` (or `<id>` without a size)
 */

/**
 * @typedef {object} Results
 * @property {Record<string, unknown>} machine
 * @property {unknown} config
 * @property {Figure[]} figures
 * @property {Record<string, unknown>} details
 * @property {PartialRun[]} [partialRuns]
 */

/** @param {Figure} figure */
const keyOf = (figure) => (figure.size === undefined ? String(figure.id) : `${figure.id}@${figure.size}`);

/** Figures in the table's order: by number, then by size. */
export function sortFigures(/** @type {Figure[]} */ figures) {
  return [...figures].sort((a, b) => String(a.id).localeCompare(String(b.id), 'en', { numeric: true }) || (a.size ?? 0) - (b.size ?? 0));
}

/**
 * `previous` (bench/results.json as it was) with what a partial run measured in place of its own
 * figures and details of the same names; everything else of `previous` stays as it was. A partial
 * run of the same parts and sizes merged earlier is replaced by this one.
 * @param {Results} previous
 * @param {Results} partial
 * @param {{ parts: string[], sizes: number[] }} ran
 * @returns {Results}
 */
export function mergeResults(previous, partial, { parts, sizes }) {
  const measured = new Set(partial.figures.map(keyOf));
  const same = (/** @type {PartialRun} */ run) => run.parts.join() === parts.join() && run.sizes.join() === sizes.join();
  return {
    ...previous,
    figures: sortFigures([...previous.figures.filter((figure) => !measured.has(keyOf(figure))), ...partial.figures]),
    details: { ...previous.details, ...partial.details },
    partialRuns: [
      ...(previous.partialRuns ?? [])
        .filter((run) => !same(run))
        .map((run) => ({ ...run, figures: run.figures.filter((key) => !measured.has(key)) }))
        .filter((run) => run.figures.length > 0),
      { parts, sizes, machine: partial.machine, figures: [...measured] },
    ],
  };
}

/** @param {number} load */
const loadText = (load) => (Number.isFinite(load) ? load.toFixed(1) : '?');

/**
 * The lines above the table: the machine and the run, then each partial run merged in, with the
 * figures it measured, its date, the machine's load (1-minute average, before and after) and how
 * long it took.
 * @param {Results} results
 */
export function runLines({ machine: m, partialRuns = [] }) {
  const lines = [
    `${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}; Node ${m.node}; Chromium ${m.chromium} (headless); ${String(m.date).slice(0, 10)}; run took ${m.benchSeconds} s.`,
  ];
  for (const { parts, sizes, machine, figures } of partialRuns) {
    const ids = [...new Set(figures.map((key) => key.split('@')[0]))].join(', ');
    lines.push(
      `${ids}: a later run of \`--only=${parts.join(',')} --sizes=${sizes.join(',')}\`, ${String(machine.date).slice(0, 16).replace('T', ' ')} UTC, ` +
        `load ${loadText(Number(machine.loadBefore))} before and ${loadText(Number(machine.loadAfter))} after on ${machine.cores} cores; run took ${machine.benchSeconds} s.`,
    );
  }
  return lines.join('\n');
}
