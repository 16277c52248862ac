import { afterEach, describe, expect, it, vi } from 'vitest';

/** lib/href.ts as built with this deploy base (Vite's BASE_URL always ends in a slash). */
async function builtUnder(base: string) {
  vi.stubEnv('BASE_URL', base);
  vi.resetModules();
  return import('../../src/lib/href');
}

async function hrefUnder(base: string) {
  return (await builtUnder(base)).href;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('an app path as an href', () => {
  it('is the path itself at the root', async () => {
    const href = await hrefUnder('/');
    expect(href('/users/3')).toBe('/users/3');
    expect(href('/')).toBe('/');
  });

  it('goes under the deploy base', async () => {
    const href = await hrefUnder('/tend/');
    expect(href('/users/3')).toBe('/tend/users/3');
    expect(href('/todos/new')).toBe('/tend/todos/new');
    expect(href('/')).toBe('/tend/');
  });
});

describe('an address as an app path', () => {
  it('is the address itself at the root', async () => {
    const { appPath } = await builtUnder('/');
    expect(appPath('/users/3')).toBe('/users/3');
    expect(appPath('/')).toBe('/');
  });

  it('loses the deploy base, and stays as it is without it', async () => {
    const { appPath } = await builtUnder('/tend/');
    expect(appPath('/tend/')).toBe('/');
    expect(appPath('/tend')).toBe('/');
    expect(appPath('/tend/users/3')).toBe('/users/3');
    expect(appPath('/users/3')).toBe('/users/3');
    expect(appPath('/')).toBe('/');
    expect(appPath('/tendency')).toBe('/tendency');
  });
});
