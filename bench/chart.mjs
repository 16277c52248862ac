// The bench's results as a chart for the README: one bar per figure and size that has a
// Tend ÷ floor ratio, each figure's target marked, met and missed told apart by pattern and by
// word (not by colour alone). A white card, so it reads the same on a light or a dark page.
// `npm run bench` writes bench/results.svg after the table; `node bench/chart.mjs` redraws it
// from bench/results.json without running the bench.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {object} Figure One row of bench/results.json's `figures`.
 * @property {number | string} id
 * @property {string} work
 * @property {number} [size]
 * @property {number} [ratio]
 * @property {{ ratio?: number, absolute?: number, text?: string }} [target]
 * @property {boolean} [met]
 */

/** Short names for the chart's rows, by figure number (the table keeps the long ones). */
const SHORT_NAMES = {
  1: 'Import every row',
  '1a': 'Import: checking the file',
  '1b': 'Import: writing',
  '2a': 'To-do list, first page',
  '2b': 'To-do list, last page',
  '2c': 'Last page ÷ first page',
  3: 'Search “bu”, first page',
  '4a': 'Posts, newest page',
  '5a': 'Toggle, click to row',
  '5b': 'Toggle, data path',
  '5c': 'Toggle, the two live counts',
  '6a': 'Upgrade 3 → 4, whole',
  '6c': 'Upgrade 3 → 4, Dexie’s part',
  '7a': 'Start, cold',
  '7b': 'Start, warm',
  '7d': 'Start, warm, vs plain page',
  '7e': 'Start, warm, app’s own list',
  8: 'JS heap, list open',
  '10a': 'First sync, new device',
  '10b': 'First sync: replication only',
  '10c': 'Change, to the other device',
  '10d': 'Household on the server, disk',
  '10e': 'Household on the server, live',
};

/** A figure the table above has no short name for: its description up to the first detail. */
function shortName(/** @type {Figure} */ figure) {
  const known = SHORT_NAMES[/** @type {keyof typeof SHORT_NAMES} */ (String(figure.id))];
  if (known) return known;
  const plain = figure.work.replace(/^…\s*/, '').split(/ \(|: | vs /)[0] ?? '';
  return plain.length > 30 ? `${plain.slice(0, 29)}…` : plain;
}

/** Text for XML: in element content and in attribute values alike. */
export function escapeXml(/** @type {string} */ text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const ratioText = (/** @type {number} */ ratio) => `${ratio.toFixed(2)}×`;
const axisText = (/** @type {number} */ ratio) => `${Number(ratio.toPrecision(3))}×`;

// Mid-contrast colours on the white card; the missed pattern also differs in shape and word.
const INK = '#1f2328';
const MUTED = '#57606a';
const GRID = '#d8dee4';
const MET = '#3b6fb6';
const NO_TARGET = '#9aa5b1';
const MISSED = '#c2410c';
const BAND = '#f3f5f7';

// Layout, in px: columns left to right, then rows.
const WIDTH = 840;
const ID_X = 24;
const NAME_X = 58;
const SIZE_RIGHT = 300;
const PLOT_LEFT = 336;
const PLOT_RIGHT = 632;
const TARGET_X = 700;
const STATUS_X = 764;
const ROW = 18;
const BAR = 11;
const GROUP_GAP = 6;

/**
 * The SVG for `results` (bench/results.json's shape). Bars run from the floor (1×) to Tend's
 * ratio on a log axis, so 2× slower and 2× faster are as long as each other, and a 0.9× bar
 * points left of the floor line.
 * @param {{ figures: Figure[], machine?: { date?: string } }} results
 */
export function drawChart(results) {
  const bars = results.figures.filter((figure) => typeof figure.ratio === 'number' && Number.isFinite(figure.ratio) && figure.ratio > 0);
  /** @type {Figure[][]} consecutive bars of one figure (its sizes) */
  const groups = [];
  for (const figure of bars) {
    const last = groups.at(-1);
    if (last && String(last[0]?.id) === String(figure.id)) last.push(figure);
    else groups.push([figure]);
  }

  // Whole powers of two from below the smallest value to above the largest, 1× always in.
  const values = [1, 2, ...bars.map((figure) => /** @type {number} */ (figure.ratio)), ...bars.flatMap((figure) => figure.target?.ratio ?? [])];
  const low = Math.floor(Math.log2(Math.min(...values)));
  const high = Math.ceil(Math.log2(Math.max(...values)));
  const x = (/** @type {number} */ ratio) => PLOT_LEFT + ((Math.log2(ratio) - low) / (high - low)) * (PLOT_RIGHT - PLOT_LEFT);

  const top = 112;
  const bottom = top + groups.reduce((height, group) => height + group.length * ROW + GROUP_GAP, 0);
  const height = bottom + 48;
  const date = results.machine?.date?.slice(0, 10);

  // Drawn in three layers: the card and row bands, then the grid over them, then bars and text.
  /** @type {string[]} */
  const back = [];
  /** @type {string[]} */
  const grid = [];
  /** @type {string[]} */
  const parts = [];
  const text = (/** @type {number} */ tx, /** @type {number} */ ty, /** @type {string} */ content, attributes = '') =>
    parts.push(`<text x="${tx}" y="${ty}"${attributes ? ` ${attributes}` : ''}>${escapeXml(content)}</text>`);

  back.push(`<rect x="0.5" y="0.5" width="${WIDTH - 1}" height="${height - 1}" rx="8" fill="#ffffff" stroke="${GRID}"/>`);
  text(ID_X, 30, 'Tend ÷ floor, per figure and size', 'font-size="15" font-weight="600"');
  text(ID_X, 50, 'Each bar runs from the floor (1×: the least the browser can do) to Tend, on a log scale. Left of 1×, Tend did better.', `fill="${MUTED}"`);

  // Legend: what a solid, a grey and a hatched bar mean, and the target's tick.
  const legend = [
    { fill: MET, label: 'target met' },
    { fill: 'url(#missed)', label: 'target missed', stroke: MISSED },
    { fill: NO_TARGET, label: 'no target' },
  ];
  let legendX = ID_X;
  for (const item of legend) {
    parts.push(`<rect x="${legendX}" y="62" width="18" height="${BAR}" fill="${item.fill}"${item.stroke ? ` stroke="${item.stroke}"` : ''}/>`);
    text(legendX + 24, 72, item.label);
    legendX += 24 + item.label.length * 6.5 + 18;
  }
  parts.push(`<line x1="${legendX + 8}" x2="${legendX + 8}" y1="59" y2="76" stroke="${INK}" stroke-width="2"/>`);
  text(legendX + 16, 72, 'target (at most)');

  // Column heads and the axis.
  text(SIZE_RIGHT, top - 10, 'to-dos', `text-anchor="end" fill="${MUTED}"`);
  text(TARGET_X, top - 10, 'target', `fill="${MUTED}"`);
  text(STATUS_X, top - 10, 'met?', `fill="${MUTED}"`);
  for (let power = low; power <= high; power++) {
    const at = x(2 ** power);
    const floorLine = power === 0;
    grid.push(`<line x1="${at}" x2="${at}" y1="${top - 4}" y2="${bottom}" stroke="${floorLine ? MUTED : GRID}" stroke-width="${floorLine ? 1.5 : 1}"/>`);
    text(at, top - 10, axisText(2 ** power), `text-anchor="middle" fill="${MUTED}"`);
    text(at, bottom + 16, axisText(2 ** power), `text-anchor="middle" fill="${MUTED}"`);
  }

  let y = top;
  groups.forEach((group, index) => {
    const groupHeight = group.length * ROW;
    if (index % 2 === 0) back.push(`<rect x="8" y="${y}" width="${WIDTH - 16}" height="${groupHeight}" fill="${BAND}"/>`);
    const first = /** @type {Figure} */ (group[0]);
    text(ID_X, y + 13, String(first.id), 'font-weight="600"');
    text(NAME_X, y + 13, shortName(first));
    group.forEach((figure, row) => {
      const ratio = /** @type {number} */ (figure.ratio);
      const rowTop = y + row * ROW;
      const barY = rowTop + (ROW - BAR) / 2;
      const goal = figure.target?.ratio;
      const status = goal === undefined || figure.met === undefined ? 'none' : figure.met ? 'met' : 'missed';
      const size = figure.size === undefined ? '' : figure.size.toLocaleString('en');
      const fill = status === 'met' ? MET : status === 'missed' ? 'url(#missed)' : NO_TARGET;
      const from = Math.min(x(1), x(ratio));
      const width = Math.max(Math.abs(x(ratio) - x(1)), 1);
      const said = `${figure.id} ${shortName(figure)}${size ? `, ${size} to-dos` : ''}: ${ratioText(ratio)}${goal === undefined ? '' : `, target ≤ ${goal}×, ${status}`}`;
      text(SIZE_RIGHT, rowTop + 13, size, `text-anchor="end" fill="${MUTED}"`);
      parts.push(
        `<rect class="bar ${status}" x="${from.toFixed(1)}" y="${barY}" width="${width.toFixed(1)}" height="${BAR}" fill="${fill}"${status === 'missed' ? ` stroke="${MISSED}"` : ''}><title>${escapeXml(said)}</title></rect>`,
      );
      // The value sits right of whatever ends furthest right: the bar, the floor line (for a
      // bar that points left of it) or the target's tick.
      text(Math.max(x(ratio), x(1), goal === undefined ? 0 : x(goal) + 1) + 4, rowTop + 13, ratioText(ratio), status === 'missed' ? 'font-weight="600"' : '');
      if (goal !== undefined) {
        parts.push(`<line class="target" x1="${x(goal).toFixed(1)}" x2="${x(goal).toFixed(1)}" y1="${rowTop + 1}" y2="${rowTop + ROW - 1}" stroke="${INK}" stroke-width="2"/>`);
        text(TARGET_X, rowTop + 13, `≤ ${goal}×`);
        text(STATUS_X, rowTop + 13, status === 'missed' ? 'missed' : status === 'met' ? 'met' : '', status === 'missed' ? `class="missed" font-weight="700" fill="${MISSED}"` : '');
      }
    });
    y += groupHeight + GROUP_GAP;
  });

  text(ID_X, height - 14, `From bench/results.json${date ? ` (run of ${date})` : ''}; the table beside it has every figure in full.`, `fill="${MUTED}"`);

  const title = 'Tend ÷ floor for each benchmark figure';
  const missed = bars.filter((figure) => figure.target?.ratio !== undefined && figure.met === false);
  const description = `${bars.length} bars on a log scale from ${axisText(2 ** low)} to ${axisText(2 ** high)}. ${
    missed.length ? `Targets missed: ${missed.map((figure) => `${figure.id}${figure.size === undefined ? '' : ` at ${figure.size.toLocaleString('en')}`}`).join(', ')}.` : 'Every target met.'
  }`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12" fill="${INK}">`,
    `<title id="chart-title">${escapeXml(title)}</title>`,
    `<desc id="chart-desc">${escapeXml(description)}</desc>`,
    '<defs>',
    `<pattern id="missed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fde3d6"/><rect width="3" height="6" fill="${MISSED}"/></pattern>`,
    '</defs>',
    ...back,
    ...grid,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

/** Reads bench/results.json (or `from`) and writes the chart beside it as results.svg. */
export function writeChart(from = join(dirname(fileURLToPath(import.meta.url)), 'results.json')) {
  const to = join(dirname(from), 'results.svg');
  writeFileSync(to, drawChart(JSON.parse(readFileSync(from, 'utf8'))));
  return to;
}

// `node bench/chart.mjs`: redraw from the results already there, without running the bench.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${writeChart()}`);
}
