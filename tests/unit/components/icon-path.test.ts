import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lucide from 'lucide';
import { Info, Plus } from 'lucide';
import { iconPath, type IconNode } from '../../../src/components/icon-path';

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

  it('refuses a shape it cannot draw rather than drawing it wrong', () => {
    expect(() => iconPath([['rect', { x: 1, y: 1, width: 2, height: 2 }]])).toThrow('<rect>');
    expect(() => iconPath([['circle', { cx: 1, cy: 1, r: 0.5, fill: 'currentColor' }]])).toThrow('<circle> filled');
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
