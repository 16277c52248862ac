// What the stored-row functions share (see src/lib/stored-rows.ts).
import { newId } from '../db/ids';
import type { Flag, RowId } from '../db/models';

/** A row's own fields, without what is derived from them; `id` is absent for a new row. */
export type Data<Row, Derived extends keyof Row> = Omit<Row, Derived | 'id'> & { id?: RowId };

/** A row's fields before withId() gives it its id. */
export type NewRow<Row> = Omit<Row, 'id'>;

/** Copies the optional fields that have a value; an undefined one stays absent. */
export function withOptional<Row extends object>(row: Row, optional: Partial<Row>): Row {
  for (const [field, value] of Object.entries(optional)) {
    if (value !== undefined) (row as Record<string, unknown>)[field] = value;
  }
  return row;
}

/**
 * The row with its id, first so stored rows read alike: the one it has, or a new one for a new
 * row. Every row Tend adds gets its id here, made on this device (see src/db/ids.ts).
 */
export function withId<Row extends object>(id: RowId | undefined, row: Row): Row & { id: RowId } {
  return { id: id ?? newId(), ...row };
}

/** A checkbox's value as IndexedDB can index it. */
export const asFlag = (value: Flag | boolean): Flag => (value ? 1 : 0);
