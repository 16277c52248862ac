import { describe, expect, it } from 'vitest';
import { drawChart } from '../../bench/chart.mjs';

// A few rows as `npm run bench` writes them to bench/results.json.
const results = {
  machine: { date: '2026-11-21T10:00:00.000Z' },
  figures: [
    { id: 1, work: 'Import every row', size: 10_000, ratio: 0.95, target: { ratio: 1.25 }, met: true },
    { id: 1, work: 'Import every row', size: 100_000, ratio: 0.99, target: { ratio: 1.25 }, met: true },
    { id: '4b', work: 'Posts page: reads per page', size: 10_000, target: { text: '1 per related table' }, met: true },
    { id: '5a', work: 'Toggle a to-do (click → DOM)', size: 10_000, ratio: 3.39 },
    { id: '7b', work: 'Start, warm', size: 10_000, ratio: 4.68, target: { ratio: 2 }, met: false },
    { id: '9a', work: 'First screen JavaScript', tend: 69.7, target: { absolute: 70 }, met: true },
  ],
};

const bars = (svg: string) => svg.match(/<rect class="bar [^"]*"/g) ?? [];

describe('the bench chart', () => {
  it('draws one bar per figure and size with a Tend ÷ floor ratio, and none for the others', () => {
    const svg = drawChart(results);
    expect(bars(svg)).toHaveLength(4);
    expect(svg).toContain('0.95×');
    expect(svg).toContain('4.68×');
    // Figures are named by number and short name, as SVG text.
    expect(svg).toMatch(/<text[^>]*>7b<\/text>/);
    expect(svg).toMatch(/<text[^>]*>Start, warm<\/text>/);
    expect(svg).not.toMatch(/>4b</);
    expect(svg).not.toMatch(/>9a</);
  });

  it('escapes text for XML', () => {
    // A figure with no short name of its own is named from its description.
    const svg = drawChart({ figures: [{ id: 'x1', work: 'Rows <b> & "quotes"', size: 10, ratio: 2 }] });
    expect(svg).toMatch(/<text[^>]*>Rows &lt;b&gt; &amp; &quot;quotes&quot;<\/text>/);
    expect(svg).not.toContain('<b>');
    // Every & in the document starts an entity.
    expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  });

  it('marks a missed target by pattern and by word, and a target by its tick', () => {
    const svg = drawChart(results);
    expect(svg.match(/<rect class="bar missed"[^>]*fill="url\(#missed\)"/g)).toHaveLength(1);
    expect(svg).toMatch(/<pattern id="missed"/);
    expect(svg.match(/<text[^>]*class="missed"[^>]*>missed<\/text>/g)).toHaveLength(1);
    expect(svg.match(/<rect class="bar met"/g)).toHaveLength(2);
    // One target tick per bar whose figure has a ratio target: 1 at both sizes, and 7b.
    expect(svg.match(/<line class="target"/g)).toHaveLength(3);
    expect(svg).toContain('Targets missed: 7b at 10,000.');
  });

  it('says so when every target is met', () => {
    const svg = drawChart({ figures: results.figures.filter((figure) => figure.met !== false) });
    expect(svg).not.toMatch(/class="bar missed"/);
    expect(svg).toContain('Every target met.');
  });
});
