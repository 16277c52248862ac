import { describe, expect, it } from 'vitest';
import { models } from '../../src/lib/models';
import { sectionAt, sections } from '../../src/lib/sections';
import { capitalise } from '../../src/lib/text';

describe('the navigation', () => {
  it('has a section for every model, in the registry’s order, named as its screens are', () => {
    const modelSections = sections.filter((section) => section.path !== '/database');
    expect(modelSections).toEqual(Object.values(models).map((model) => ({ path: `/${model.path}`, label: capitalise(model.plural) })));
  });

  it('marks the section of every screen below it, and To-dos on the home screen', () => {
    expect(sectionAt('/')).toBe('/todos');
    expect(sectionAt('/todos/3/edit')).toBe('/todos');
    expect(sectionAt('/users')).toBe('/users');
    expect(sectionAt('/users/12/delete')).toBe('/users');
    expect(sectionAt('/database')).toBe('/database');
  });

  it('marks Database on the Sync page, which is opened from there', () => {
    expect(sectionAt('/sync')).toBe('/database');
  });

  it('marks no section for an address outside them, even one that starts like a section', () => {
    expect(sectionAt('/usersx')).toBeUndefined();
    expect(sectionAt('/nope')).toBeUndefined();
  });
});
