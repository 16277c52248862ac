import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Clapperboard, Database, ListChecks, Newspaper, Tag, Users } from 'lucide';
import type { IconNode } from '../../../src/lib/icon-path';
import { sections } from '../../../src/lib/sections';

// The tab bar's icons live in app.css as masks (no script on the first screen); each is Lucide's
// drawing of the icon named here, as the lucide package has it.
const drawings: Record<string, IconNode> = {
  '/todos': ListChecks as IconNode,
  '/users': Users as IconNode,
  '/categories': Tag as IconNode,
  '/posts': Newspaper as IconNode,
  '/movies': Clapperboard as IconNode,
  '/database': Database as IconNode,
};

/** An icon as the stylesheet's data URL carries it: Lucide's stroke attributes, then its shapes. */
function svg(icon: IconNode): string {
  const shapes = icon.map(([tag, attributes]) => `<${tag} ${Object.entries(attributes).map(([name, value]) => `${name}='${value}'`).join(' ')}/>`);
  const markup = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='black' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'>${shapes.join('')}</svg>`;
  return markup.replace(/</g, '%3C').replace(/>/g, '%3E').replace(/#/g, '%23');
}

describe('the tab bar’s icons', () => {
  const css = readFileSync('src/app.css', 'utf8');

  it('draws every section with its Lucide icon', () => {
    for (const { path } of sections) {
      const rule = new RegExp(String.raw`nav a\[href\$='${path}'\] \{\s*--icon: url\("data:image/svg\+xml,([^"]+)"\)`).exec(css);
      expect(rule?.[1], path).toBe(svg(drawings[path]!));
    }
  });
});
