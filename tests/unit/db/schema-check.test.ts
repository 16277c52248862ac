import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStores, type LiveStore } from '../../../src/db/raw-copy';
import { latestVersion, schemaVersions, TendDB, type SchemaVersion } from '../../../src/db/schema';
import { checkSchema, compareSchemas, declaredStores, declaredTables } from '../../../src/lib/schema-check';

const opened: Dexie[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** A small history using every syntax form, with a table dropped by its second version. */
const handMadeHistory: SchemaVersion[] = [
  {
    version: 1,
    description: 'people, notes and a table that goes',
    stores: { people: '++id, &email, *tags, [last+first]', notes: 'key, title', gone: '++id' },
  },
  { version: 2, description: 'notes restated, gone dropped, blobs keyed out of line', stores: { notes: 'key, title, [title+key]', gone: null, blobs: '' } },
];

function store(keyPath: LiveStore['keyPath'], autoIncrement: boolean, indexes: LiveStore['indexes'] = {}): LiveStore {
  return { keyPath, autoIncrement, indexes };
}

function index(keyPath: string | string[], { unique = false, multiEntry = false } = {}) {
  return { keyPath, unique, multiEntry };
}

describe('declaredStores', () => {
  it('reads every syntax form, and a later version replaces or drops a table', () => {
    expect(declaredStores(handMadeHistory)).toEqual({
      people: store('id', true, {
        email: index('email', { unique: true }),
        tags: index('tags', { multiEntry: true }),
        '[last+first]': index(['last', 'first']),
      }),
      notes: store('key', false, { title: index('title'), '[title+key]': index(['title', 'key']) }),
      blobs: store(null, false),
    });
  });

  it('reads the history the way Dexie builds it in IndexedDB', async () => {
    const db = new Dexie('hand-made');
    opened.push(db);
    for (const { version, stores } of handMadeHistory) db.version(version).stores(stores);
    await db.open();
    expect(compareSchemas(declaredStores(handMadeHistory), describeStores(db.backendDB()))).toEqual([]);
  });
});

describe('declaredTables', () => {
  it('names the tables declaredStores folds, in its order, at every point of a history', () => {
    for (const history of [handMadeHistory, schemaVersions]) {
      for (let end = 1; end <= history.length; end++) {
        const versions = history.slice(0, end);
        expect(declaredTables(versions)).toEqual(Object.keys(declaredStores(versions)));
      }
    }
    expect(declaredTables(handMadeHistory)).toEqual(['people', 'notes', 'blobs']);
  });
});

describe('checkSchema', () => {
  it('finds nothing wrong with a database made by the current code', async () => {
    expect(await checkSchema()).toEqual([]);
  });

  it('lists every way a database made from a tampered history differs', async () => {
    const tampered = new TendDB('tampered', {
      versions: [
        ...schemaVersions,
        {
          version: latestVersion + 1,
          description: 'edited in place of a new version',
          stores: { movies: 'id, [titleKey+id]', categories: 'id, nameKey, [nameSortKey+id]', posts: null, extra: '++id' },
        },
      ],
    });
    opened.push(tampered);
    // Not opened yet: checkSchema opens it.
    expect(await checkSchema(tampered)).toEqual([
      { table: 'categories', index: 'nameKey', problem: 'index differs: declared unique nameKey, found nameKey' },
      { table: 'extra', problem: 'on the device but not declared' },
      { table: 'movies', index: '[watched+titleKey+id]', problem: 'index missing on the device' },
      { table: 'movies', index: '[watched+yearKey+id]', problem: 'index missing on the device' },
      { table: 'movies', index: '[yearKey+id]', problem: 'index missing on the device' },
      { table: 'posts', problem: 'missing from the device' },
    ]);
  });
});

describe('compareSchemas', () => {
  it('reports a different primary key, and compares key paths as strings or arrays', () => {
    const declared = { items: store('id', true, { '[a+b]': index(['a', 'b'], { unique: true }), c: index('c') }) };
    const live = { items: store('id', false, { '[a+b]': index(['a', 'b']), c: index(['c']), d: index('d', { multiEntry: true }) }) };
    expect(compareSchemas(declared, live)).toEqual([
      { table: 'items', problem: 'key differs: declared id (auto-increment), found id' },
      { table: 'items', index: '[a+b]', problem: 'index differs: declared unique [a+b], found [a+b]' },
      { table: 'items', index: 'c', problem: 'index differs: declared c, found [c]' },
      { table: 'items', index: 'd', problem: 'index on the device but not declared' },
    ]);
  });

  it('reports a store whose key moved out of the rows', () => {
    expect(compareSchemas({ blobs: store('key', false) }, { blobs: store(null, true) })).toEqual([
      { table: 'blobs', problem: 'key differs: declared key, found out-of-line (auto-increment)' },
    ]);
  });
});
