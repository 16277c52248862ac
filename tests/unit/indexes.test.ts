// Every list the generic views can ask for reads through one compound index (keyset paging,
// src/lib/paging.ts). A listing option without its index would only fail when a person picks
// it, with Dexie's "KeyPath … is not indexed"; this test finds it first, for every model.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import type { AnyCrudModel, Listing } from '../../src/lib/crud';
import { models } from '../../src/lib/models';
import { indexName, orderingFor, type Ordering } from '../../src/lib/paging';
import { fixedId } from './support';

type Registry = Record<string, AnyCrudModel>;

const registry: Registry = models;
const { movies: moviesModel } = models;

interface Need {
  table: string;
  index: string;
  /** Which list needs it, for a readable failure. */
  why: string;
}

/** A list one of the screens can show: the model that reads it, and in what order. */
interface List {
  model: AnyCrudModel;
  ordering: Ordering;
  why: string;
}

const need = ({ model, ordering, why }: List): Need => ({ table: model.path, index: indexName(ordering), why });

/** Every ordering a model's list, filters, search and related lists can produce. */
function listsOf(model: AnyCrudModel, all: Registry): List[] {
  const listing: Listing = model.listing;
  const needs: List[] = [];
  // A search query's text does not change the index, only the range read.
  const search = listing.search ? 'a' : undefined;
  for (const filter of [undefined, ...(listing.filters ?? [])]) {
    const within = filter ? ` within ${filter.name}` : '';
    for (const sort of listing.sorts) {
      needs.push({ model, ordering: orderingFor(listing, { sort: sort.name, filter: filter?.name }), why: `sort ${sort.name}${within}` });
    }
    if (search) needs.push({ model, ordering: orderingFor(listing, { search, filter: filter?.name }), why: `search${within}` });
  }
  for (const related of model.related ?? []) {
    const target = all[related.model];
    if (!target) continue; // not registered yet: checked once it is
    const scope = { field: related.field, value: fixedId(1) };
    needs.push({ model: target, ordering: orderingFor(target.listing, {}, scope), why: `${model.path} → ${related.title}` });
    if (related.searchable && target.listing.search) {
      needs.push({ model: target, ordering: orderingFor(target.listing, { search: 'a' }, scope), why: `${model.path} → ${related.title}, searched` });
    }
  }
  return needs;
}

function needsOf(model: AnyCrudModel, all: Registry): Need[] {
  return listsOf(model, all).map(need);
}

/** The needs the opened database has no index for (or no table at all). */
function missing(needs: Need[]): Need[] {
  return needs.filter(({ table, index }) => {
    const store = db.tables.find((candidate) => candidate.name === table);
    return !store?.schema.idxByName[index];
  });
}

describe('every list is served by an index', () => {
  for (const model of Object.values(registry)) {
    it(`has an index for every ${model.plural} list`, () => {
      expect(missing(needsOf(model, registry))).toEqual([]);
    });

    // The same lists read through the model's own page and count, as the screens read them:
    // Dexie refuses a range on a key path that has no index.
    it(`reads every ${model.plural} list`, async () => {
      const failures: string[] = [];
      for (const { model: reader, ordering, why } of listsOf(model, registry)) {
        await Promise.all([reader.page(ordering, { at: 'first' }, 1), reader.count(ordering)]).catch((error: Error) => failures.push(`${why}: ${error.name}`));
      }
      expect(failures).toEqual([]);
    });
  }

  it('lists exactly the orderings the movies list can use', () => {
    expect(needsOf(moviesModel, registry).map(({ why, index }) => `${why}: ${index}`)).toEqual([
      'sort title: [titleKey+id]',
      'sort year: [yearKey+id]',
      'search: [titleKey+id]',
      'sort title within to-watch: [watched+titleKey+id]',
      'sort year within to-watch: [watched+yearKey+id]',
      'search within to-watch: [watched+titleKey+id]',
      'sort title within watched: [watched+titleKey+id]',
      'sort year within watched: [watched+yearKey+id]',
      'search within watched: [watched+titleKey+id]',
    ]);
  });
});

describe('a missing index is reported', () => {
  const base = registry.users ?? moviesModel;

  it('for a sort on a field with no index', () => {
    const listing: Listing = { sorts: [{ name: 'shoe-size', label: 'Shoe size', fields: ['shoeSize'] }] };
    expect(missing(needsOf({ ...base, listing, related: [] }, registry))).toEqual([
      { table: base.path, index: '[shoeSize+id]', why: 'sort shoe-size' },
    ]);
  });

  it('for a filter whose field leads no index', () => {
    const listing: Listing = { ...moviesModel.listing, filters: [{ name: 'rated', label: 'Rated', field: 'rating', value: 5 }] };
    const reported = missing(needsOf({ ...moviesModel, listing }, registry)).map(({ index }) => index);
    expect(reported).toEqual(['[rating+titleKey+id]', '[rating+yearKey+id]', '[rating+titleKey+id]']);
  });

  it('for a related list through a field with no index, and a table that does not exist', () => {
    const related = [
      { title: 'Favourites', model: 'movies', field: 'favouriteOf' },
      { title: 'Ghosts', model: 'ghosts', field: 'userId' },
    ];
    const all: Registry = { ...registry, ghosts: { ...moviesModel, path: 'ghosts' } };
    expect(missing(needsOf({ ...base, related }, all)).filter(({ why }) => why.includes('→'))).toEqual([
      { table: 'movies', index: '[favouriteOf+titleKey+id]', why: `${base.path} → Favourites` },
      { table: 'ghosts', index: '[userId+titleKey+id]', why: `${base.path} → Ghosts` },
    ]);
  });
});
