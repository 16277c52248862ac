import type { ClashValue, RowId } from '../../db/models';
import type { SchemaVersion, StoredRow } from '../../db/schema';
import { storedRow } from '../stored-rows';

// How a row of Tend's data travels: one CouchDB document per row, in one database per
// household (one changes feed for all five tables), `_id` the row's UUID and `type` its table.
// `fields` holds the row's own fields only. The derived index keys (`…Key`) are left out and
// computed again by each device, so a newer Tend that derives them differently never makes
// every device rewrite every row. What the server accepts is checked by
// sync/validate-doc-update.js.

export type SyncedTable = keyof typeof storedRow;

/**
 * Documents per replication request: PouchDB's 100 made a first sync of 12,250 documents some
 * 2.4 times slower than needed (bench figure 10a); 500 keeps each request well under a megabyte.
 */
export const REPLICATION_BATCH = 500;

/** Each model's own fields, as synced: everything a row holds but its id and derived keys. */
export const MODEL_FIELDS: Record<SyncedTable, readonly string[]> = {
  users: ['username', 'email', 'createdAt'],
  categories: ['name', 'createdAt'],
  todos: ['title', 'done', 'notes', 'dueDate', 'userId', 'categoryId', 'createdAt', 'updatedAt', 'completedAt'],
  posts: ['title', 'body', 'pubDate', 'categoryId', 'authorId'],
  movies: ['title', 'year', 'watched', 'rating', 'notes', 'createdAt'],
};

/**
 * Fields Tend keeps for itself, which a person never edits: when two devices both changed one,
 * the later time is kept without asking anyone (the edit that moved it is what may clash).
 */
export const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(['createdAt', 'updatedAt', 'completedAt']);

export interface RowDoc {
  _id: RowId;
  _rev?: string;
  _deleted?: boolean;
  type: string;
  /** The schema version of the Tend that wrote this revision. */
  schema: number;
  /** The person who wrote this revision (the server checks it is the one signed in). */
  by: string;
  fields: Record<string, unknown>;
  /**
   * For each field, the revision generation that last changed it. When two devices changed a
   * row apart, a field whose generation is above their common revision's was changed on that
   * side: that is how a merge tells "changed on one device" from "changed on both".
   */
  edits: Record<string, number>;
  /** Fields changed on two devices to different values, the value kept for now first. */
  clashes?: Record<string, ClashValue[]>;
  /** A delete on one device met a change on another; the row was kept. */
  deletedElsewhere?: true;
  /** A delete on one device met a row filed under this one on another; the row was kept. */
  keptForLinks?: true;
  /** The deleted revisions already reported, so the same delete is reported once. */
  deletedRevs?: string[];
}

export function isSyncedTable(table: string): table is SyncedTable {
  return Object.hasOwn(MODEL_FIELDS, table);
}

/** A stored row's own fields (absent optional fields stay absent). */
export function fieldsOf(table: SyncedTable, row: StoredRow): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const field of MODEL_FIELDS[table]) if (row[field] !== undefined) fields[field] = row[field];
  return fields;
}

/**
 * The row a document describes, in the shape this device stores, or undefined when a newer
 * Tend wrote it (this code cannot know what its fields mean). A document written by an older
 * version goes through the row rewrites of every version since, as a snapshot would: older
 * documents are read forward on every device alike and never rewritten all at once.
 */
export function rowOf(doc: RowDoc, versions: readonly SchemaVersion[]): StoredRow | undefined {
  const latest = versions[versions.length - 1]?.version ?? 0;
  if (doc.schema > latest || !isSyncedTable(doc.type)) return undefined;
  let row: StoredRow = { id: doc._id, ...doc.fields };
  for (const version of versions) {
    const rewrite = version.version > doc.schema ? version.rows?.[doc.type] : undefined;
    if (rewrite) row = rewrite(row);
  }
  return storedRow[doc.type](row as never) as unknown as StoredRow;
}

/** A revision's generation: the number before the dash. */
export function generationOf(rev: string | undefined): number {
  return rev ? Number.parseInt(rev, 10) : 0;
}

