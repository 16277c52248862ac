import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lucide from 'lucide';
import { Info, Plus } from 'lucide';
import { iconDrawing, type IconNode } from '../../../src/lib/icon-path';

const iconPath = (icon: IconNode) => iconDrawing(icon).d;

describe('an icon as one path', () => {
  it('joins the paths of an icon into one, in order', () => {
    expect(iconPath(Plus as IconNode)).toBe('M5 12h14 M12 5v14');
  });

  it('draws a circle as two half arcs from its leftmost point', () => {
    expect(iconPath(Info as IconNode)).toBe('M2 12a10 10 0 1 0 20 0a10 10 0 1 0 -20 0Z M12 16v-4 M12 8h.01');
  });

  it('makes a relative first move absolute, keeping the pairs after it relative', () => {
    expect(iconPath([['path', { d: 'm7 10 5 5 5-5' }]])).toBe('M7 10l5 5 5-5');
    expect(iconPath([['path', { d: 'm21 21-4.34-4.34' }]])).toBe('M21 21l-4.34-4.34');
    expect(iconPath([['path', { d: 'm15 5h4' }]])).toBe('M15 5h4');
  });

  it('draws lines, polylines, polygons, ellipses and rectangles as sub-paths', () => {
    expect(iconPath([['line', { x1: 2, y1: 3, x2: 4, y2: 5 }]])).toBe('M2 3L4 5');
    expect(iconPath([['polyline', { points: '1 2 3 4 5 6' }]])).toBe('M1 2 3 4 5 6');
    expect(iconPath([['polygon', { points: '1 2 3 4 5 6' }]])).toBe('M1 2 3 4 5 6Z');
    expect(iconPath([['ellipse', { cx: 12, cy: 5, rx: 9, ry: 3 }]])).toBe('M3 5a9 3 0 1 0 18 0a9 3 0 1 0 -18 0Z');
    expect(iconPath([['rect', { x: 1, y: 2, width: 3, height: 4 }]])).toBe('M1 2h3v4h-3Z');
    // Lucide's square: rounded corners of 2 on an 18 × 18 square.
    expect(iconPath([['rect', { width: '18', height: '18', x: '3', y: '3', rx: '2' }]])).toBe(
      'M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1 -2 2h-14a2 2 0 0 1 -2 -2v-14a2 2 0 0 1 2 -2Z',
    );
  });

  it('draws filled shapes as a second, filled path', () => {
    const dot: IconNode[number] = ['circle', { cx: 1, cy: 1, r: 0.5, fill: 'currentColor' }];
    expect(iconDrawing([['path', { d: 'M1 1h2' }], dot])).toEqual({ d: 'M1 1h2', filled: 'M0.5 1a0.5 0.5 0 1 0 1 0a0.5 0.5 0 1 0 -1 0Z' });
  });

  it('draws every Lucide icon, each shape once', () => {
    const icons = Object.values(lucide).filter((value): value is IconNode => Array.isArray(value) && Array.isArray(value[0]));
    expect(icons.length).toBeGreaterThan(1000);
    const shapes = new Set(['path', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'rect']);
    for (const icon of icons) {
      // A shape SVG has that Tend does not convert would be drawn as nothing.
      for (const [tag] of icon) expect(shapes, tag).toContain(tag);
      const { d, filled } = iconDrawing(icon);
      // Every shape is one sub-path opened by an absolute move, in order.
      const subPaths = icon.map((node) => iconDrawing([[node[0], { ...node[1], fill: undefined }]]).d);
      for (const subPath of subPaths) expect(subPath).toMatch(/^M\s*[\d.-]/);
      expect([d, filled].filter(Boolean).join(' ').split(' M').length).toBeGreaterThanOrEqual(subPaths.length);
      expect(d + filled).not.toMatch(/NaN|undefined/);
    }
  });

  it('draws every icon Tend uses', () => {
    const used = new Set<string>();
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
    for (const file of walk('src')) {
      for (const [, names] of readFileSync(file, 'utf8').matchAll(/import \{([^}]+)\} from 'lucide'/g)) {
        for (const name of names!.split(',')) used.add(name.trim());
      }
    }
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) {
      const icon = (lucide as unknown as Record<string, IconNode>)[name];
      expect(icon, name).toBeDefined();
      expect(iconPath(icon!)).toMatch(/^M/);
    }
  });
});
