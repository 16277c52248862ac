// The browser's `flask db check`: does what IndexedDB really holds on this device match what
// the code declares? A mismatch means a version was edited after it shipped, or a store was
// changed outside Dexie; queries on a missing index fail only when they run, so this says so first.
import type Dexie from 'dexie';
import { db as appDb } from '../db/db';
import { describeStores, type LiveStore } from '../db/raw-copy';
import { schemaVersions, type SchemaVersion } from '../db/schema';

export interface SchemaDifference {
  table: string;
  /** The index's name (as Dexie names it in IndexedDB, e.g. `[titleKey+id]`); absent for the table itself. */
  index?: string;
  problem: string;
}

type KeyPath = LiveStore['keyPath'];

/**
 * The stores the code declares, in the shape describeStores() reads from IndexedDB. Folded as
 * Dexie folds them: a version that names a table restates it whole, and `null` drops it.
 */
export function declaredStores(versions: readonly SchemaVersion[] = schemaVersions): Record<string, LiveStore> {
  return Object.fromEntries([...latestDeclarations(versions)].map(([table, declaration]) => [table, parseStore(declaration)]));
}

/**
 * The names of the stores the code declares, folded as declaredStores() folds them, without
 * reading their indexes: an import asks which tables a file must hold, before every row.
 */
export function declaredTables(versions: readonly SchemaVersion[] = schemaVersions): string[] {
  return [...latestDeclarations(versions).keys()];
}

/** Each table's latest declaration, in the order the versions first name the tables. */
function latestDeclarations(versions: readonly SchemaVersion[]): Map<string, string> {
  const latest = new Map<string, string>();
  for (const { stores } of versions) {
    for (const [table, declaration] of Object.entries(stores)) {
      if (declaration === null) latest.delete(table);
      else latest.set(table, declaration);
    }
  }
  return latest;
}

/** One table's declaration, e.g. `'++id, &nameKey, *tags, [nameKey+id]'`: the primary key first. */
function parseStore(declaration: string): LiveStore {
  const [primary, ...indexes] = declaration.split(',').map(parseEntry);
  const indexSpecs: LiveStore['indexes'] = {};
  for (const { name, keyPath, unique, multiEntry } of indexes) {
    // Dexie refuses an index without a key path when it opens, so none reaches the device.
    if (keyPath !== null) indexSpecs[name] = { keyPath, unique, multiEntry };
  }
  return { keyPath: primary?.keyPath ?? null, autoIncrement: primary?.autoIncrement ?? false, indexes: indexSpecs };
}

/** The same reading as Dexie's parseIndexSyntax, reduced to what IndexedDB stores. */
function parseEntry(source: string) {
  // Dexie 4 allows a type hint after a colon (`name:string`); it never reaches IndexedDB.
  const text = (source.split(':')[0] ?? '').trim();
  const name = text.replace(/[&*]|\+\+/g, '');
  // An empty primary key (`''` or `'++'`) means keys kept outside the rows: IndexedDB's null key path.
  const keyPath: KeyPath = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1).split('+') : name || null;
  return { name, keyPath, unique: text.includes('&'), multiEntry: text.includes('*'), autoIncrement: text.includes('++') };
}

/** Every way `live` departs from `declared`, ordered by table, the table itself before its indexes. */
export function compareSchemas(declared: Record<string, LiveStore>, live: Record<string, LiveStore>): SchemaDifference[] {
  const differences: SchemaDifference[] = [];
  for (const table of namesIn(declared, live)) {
    const want = declared[table];
    const found = live[table];
    if (!found) {
      differences.push({ table, problem: 'missing from the device' });
      continue;
    }
    if (!want) {
      differences.push({ table, problem: 'on the device but not declared' });
      continue;
    }
    if (!sameKeyPath(want.keyPath, found.keyPath) || want.autoIncrement !== found.autoIncrement) {
      differences.push({ table, problem: `key differs: declared ${describeKey(want)}, found ${describeKey(found)}` });
    }
    for (const index of namesIn(want.indexes, found.indexes)) {
      const wantIndex = want.indexes[index];
      const foundIndex = found.indexes[index];
      if (!foundIndex) differences.push({ table, index, problem: 'index missing on the device' });
      else if (!wantIndex) differences.push({ table, index, problem: 'index on the device but not declared' });
      else if (!sameIndex(wantIndex, foundIndex)) {
        differences.push({ table, index, problem: `index differs: declared ${describeIndex(wantIndex)}, found ${describeIndex(foundIndex)}` });
      }
    }
  }
  return differences.sort((a, b) => compareText(a.table, b.table) || compareText(a.index ?? '', b.index ?? ''));
}

/** Checks the open database (the app's own unless told) against the code's declaration. */
export async function checkSchema(db: Dexie = appDb): Promise<SchemaDifference[]> {
  // Dexie opens lazily; backendDB() only exists once it has.
  if (!db.isOpen()) await db.open();
  return compareSchemas(declaredStores(), describeStores(db.backendDB()));
}

function namesIn(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareText);
}

// Code-unit order, not locale order, so the list reads the same on every device.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 'x' and ['x'] are different key paths to IndexedDB: the second makes array keys. */
function sameKeyPath(a: KeyPath, b: KeyPath): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((part, i) => part === b[i]);
  return a === b;
}

type IndexSpec = LiveStore['indexes'][string];

function sameIndex(a: IndexSpec, b: IndexSpec): boolean {
  return sameKeyPath(a.keyPath, b.keyPath) && a.unique === b.unique && a.multiEntry === b.multiEntry;
}

function keyPathText(keyPath: KeyPath): string {
  if (keyPath === null) return 'out-of-line';
  return Array.isArray(keyPath) ? `[${keyPath.join('+')}]` : keyPath;
}

function describeKey({ keyPath, autoIncrement }: LiveStore): string {
  return `${keyPathText(keyPath)}${autoIncrement ? ' (auto-increment)' : ''}`;
}

function describeIndex({ keyPath, unique, multiEntry }: IndexSpec): string {
  return `${unique ? 'unique ' : ''}${multiEntry ? 'multi-entry ' : ''}${keyPathText(keyPath)}`;
}
