import { describe, expect, it } from 'vitest';
import { models } from '../../src/lib/models';
import { sections } from '../../src/lib/sections';
import { capitalise } from '../../src/lib/text';

describe('the navigation', () => {
  it('has a section for every model, in the registry’s order, named as its screens are', () => {
    const modelSections = sections.filter((section) => section.path !== '/database');
    expect(modelSections).toEqual(Object.values(models).map((model) => ({ path: `/${model.path}`, label: capitalise(model.plural) })));
  });
});
