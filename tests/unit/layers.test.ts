import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Data flows one way: view → lib → db. If anything in lib reached a view, or the route table
// that imports the views, the two would import each other and a change to either could break
// the other at start-up. This follows every relative import (static, dynamic, type-only) from
// every module in src/lib, however deep, and fails on any that leaves lib and db.
const src = resolve(__dirname, '../../src');
const allowed = [join(src, 'lib'), join(src, 'db')];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

/** The files a module imports by a relative path, resolved as Vite would. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((match) => match[1] ?? match[2] ?? match[3]!)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const base = resolve(dirname(file), specifier);
      const found = [base, `${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path) && statSync(path).isFile());
      if (!found) throw new Error(`${relative(src, file)} imports ${specifier}, which is not a file`);
      return found;
    });
}

/** Every module reachable from `file`, each with the chain of imports that reaches it. */
function reachable(file: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[file, [file]]]);
  const queue = [file];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const imported of importsOf(next)) {
      if (chains.has(imported)) continue;
      chains.set(imported, [...chains.get(next)!, imported]);
      queue.push(imported);
    }
  }
  return chains;
}

describe('the layers', () => {
  it('finds every kind of import', () => {
    const imports = importsOf(join(src, 'routes.ts')).map((file) => relative(src, file));
    expect(imports).toContain('lib/models.ts');
    expect(imports).toContain('views/todos/TodoList.svelte');
    expect(imports).toContain('views/crud/FormView.svelte');
  });

  it('keeps lib and db clear of the views, the components and the route table', () => {
    const escapes = allowed.flatMap(filesUnder).flatMap((file) =>
      [...reachable(file)]
        .filter(([reached]) => !allowed.some((dir) => reached.startsWith(dir + '/')))
        .map(([, chain]) => chain.map((step) => relative(src, step)).join(' → ')),
    );
    expect(escapes).toEqual([]);
  });
});
