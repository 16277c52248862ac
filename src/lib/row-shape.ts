// What the stored-row functions share (see src/lib/stored-rows.ts).
import { newId } from '../db/ids';
import type { Flag, RowId } from '../db/models';

/** A row's own fields, without what is derived from them; `id` is absent for a new row. */
export type Data<Row, Derived extends keyof Row> = Omit<Row, Derived | 'id'> & { id?: RowId };

/**
 * The fields a model's row function works out rather than copies (its derived keys, a flag
 * made 0 or 1), one function each, from the model's data; one giving undefined leaves its
 * field out. The row function writes them, and copies every field not listed as it is: an
 * import keeps a file's row as it is only when each of these fields is what they give
 * (src/lib/backup/rows.ts), and tests/unit/backup/quick-check.test.ts holds the kept rows to
 * what the row function would give.
 */
export type ComputedFields<Row, Computed extends keyof Row, Input> = { readonly [Key in Computed]-?: (data: Input) => Row[Key] };

/** Copies the optional fields that have a value; an undefined one stays absent. */
export function withOptional<Row extends object>(row: Row, optional: Partial<Row>): Row {
  // A for-in rather than Object.entries: an import builds every row here, and a list of pairs
  // per row was most of this function's cost.
  for (const field in optional) {
    const value = optional[field];
    if (value !== undefined) row[field] = value;
  }
  return row;
}

/**
 * A row's id, its first field so stored rows read alike: the one it has, or a new one for a
 * new row. Every row Tend adds gets its id here, made on this device (see src/db/ids.ts).
 * Written into the row as it is built, not added in front of it afterwards: that copied every
 * row once more, which an import of 100,000 rows felt.
 */
export function rowId(id: RowId | undefined): RowId {
  return id ?? newId();
}

/** A checkbox's value as IndexedDB can index it. */
export const asFlag = (value: Flag | boolean): Flag => (value ? 1 : 0);

/**
 * Whether two stored values are the same: numbers, text, and arrays or plain objects of them,
 * compared as JSON (rows are always built with their fields in the same order).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}
