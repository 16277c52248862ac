// Row types, as stored. Timestamps are milliseconds since the epoch: sortable, indexable
// and identical after a JSON round trip. Fields ending in `Key` are derived, for indexes, and
// computed in one place (src/lib/stored-rows.ts): names folded for uniqueness ignoring case
// (`usernameKey`, `emailKey`, `nameKey`), names and titles folded for order and search
// ignoring case and accents (`usernameSortKey`, `nameSortKey`, `titleKey`), and sort keys
// that are never missing (IndexedDB leaves a row out of an index whose key is undefined,
// which would hide it from an ordered list).

/** A row's id: a UUIDv7 string (src/db/ids.ts), the same on every device. */
export type RowId = string;

/** A boolean kept as 0 or 1, because IndexedDB cannot index true and false. */
export type Flag = 0 | 1;

export interface User {
  id: RowId;
  username: string;
  /** The username folded for comparison; a unique index on it keeps "Ann" and "ann" apart. */
  usernameKey: string;
  /** The username folded for order and search, ignoring accents too ("Álvaro" as "alvaro"). */
  usernameSortKey: string;
  email?: string;
  /** Present only when email is: rows without it stay out of the unique index. */
  emailKey?: string;
  createdAt: number;
}

export interface Todo {
  id: RowId;
  title: string;
  /** The title folded for order and search, ignoring case and accents. */
  titleKey: string;
  done: Flag;
  notes?: string;
  /** A calendar day, `YYYY-MM-DD`. */
  dueDate?: string;
  /** dueDate, or NO_DUE_DATE so undated to-dos sort after dated ones. */
  dueKey: string;
  userId?: RowId;
  categoryId?: RowId;
  createdAt: number;
  updatedAt: number;
  completedAt?: number;
}

export interface Category {
  id: RowId;
  name: string;
  /** The name folded for comparison: unique ignoring case. */
  nameKey: string;
  /** The name folded for order and search, ignoring accents too. */
  nameSortKey: string;
  createdAt: number;
}

export interface Post {
  id: RowId;
  title: string;
  titleKey: string;
  body: string;
  pubDate: number;
  categoryId: RowId;
  authorId?: RowId;
}

export interface Movie {
  id: RowId;
  title: string;
  titleKey: string;
  year?: number;
  /** year, or 0 when unknown, so every movie can be ordered by year. */
  yearKey: number;
  watched: Flag;
  rating?: number;
  notes?: string;
  createdAt: number;
}

/** One schema version as applied on this device (the browser's `flask db history`). */
export interface Migration {
  version: number;
  description: string;
  /** When this device applied it; null for versions it had before history was kept. */
  appliedAt: number | null;
  how: 'created' | 'upgraded' | 'before-history';
}

/**
 * The number a row had before ids became UUIDs (schema 5), kept on this device so that an old
 * address such as `users/3` still opens the same row. Device-only: another device's `users/3`
 * was another row.
 */
export interface FormerId {
  table: string;
  formerId: number;
  id: RowId;
}

/**
 * A row changed on this device that the sync server has not had yet (device-only, written in
 * the same transaction as the change while sync is on). One entry per row however often it
 * changes: what is sent is the row as it is when sync gets to it.
 */
export interface OutboxEntry {
  id: RowId;
  table: string;
  /** Changes with every write, so sending can tell whether the row changed again meanwhile. */
  stamp: number;
  /**
   * The revision this change became in the device's copy of the household's database; the
   * entry goes once the server has it (until then the change is still "waiting to be sent").
   */
  sentRev?: string;
}

/** The sync revision (CouchDB `_rev`) this device's copy of a row was last in step with. */
export interface SyncedRevision {
  id: RowId;
  rev: string;
  /** `rev` is this device's own delete of the row: should the row come back, this device deleted it. */
  deletedHere?: true;
}

/** One of a field's values when two devices changed it, and who changed it to that. */
export interface ClashValue {
  value: unknown;
  by: string;
}

/** Something sync found that a person should look at, about one row (device-only). */
export interface SyncNote {
  id: RowId;
  table: string;
  /** Fields changed on two devices to different values: the value kept for now comes first. */
  fields?: Record<string, ClashValue[]>;
  /** Another row with the same unique name, made on another device while both were apart. */
  sameNameAs?: RowId;
  /** The row was deleted on one device while it was changed on another: it is kept. */
  deletedElsewhere?: true;
  /** The row was deleted on one device while another filed a row under it (a post, a to-do): it is kept. */
  keptForLinks?: true;
  /**
   * This device's own delete of the row (its revision), which came back: the note then says
   * "deleted here" rather than "on another device" once a merge reports that delete.
   */
  ownDelete?: string;
  /** The delete a kept row's note is about was this device's own. */
  deletedHere?: true;
  /** The row was written by a newer Tend, with this schema version: kept until Tend is updated. */
  newerSchema?: number;
}

/** Sorts after every real date. */
export const NO_DUE_DATE = '9999-12-31';

export const COUNTS_TABLE = 'counts';
export const TODO_COUNTS_KEY = 'todos';

/**
 * How many to-dos are still to do and how many are done: the one row of the `counts` store,
 * under the key 'todos'. Derived from the to-dos and kept right by every write of them
 * (src/db/todo-counts.ts); device-only, like the migration history.
 */
export interface TodoCounts {
  table: typeof TODO_COUNTS_KEY;
  active: number;
  completed: number;
}
