// What the stored-row functions share (see src/lib/stored-rows.ts).
import type { Flag } from '../db/models';

/** A row's own fields, without what is derived from them; `id` is absent for a row to add. */
export type Data<Row, Derived extends keyof Row> = Omit<Row, Derived | 'id'> & { id?: number };

/** A row not yet added: IndexedDB gives it its id. */
export type NewRow<Row> = Omit<Row, 'id'>;

/** Copies the optional fields that have a value; an undefined one stays absent. */
export function withOptional<Row extends object>(row: Row, optional: Partial<Row>): Row {
  for (const [field, value] of Object.entries(optional)) {
    if (value !== undefined) (row as Record<string, unknown>)[field] = value;
  }
  return row;
}

/** The id first, when there is one, so stored rows read alike. */
export function withId<Row extends object>(id: number | undefined, row: Row): Row {
  return id === undefined ? row : ({ id, ...row } as Row);
}

/** A checkbox's value as IndexedDB can index it. */
export const asFlag = (value: Flag | boolean): Flag => (value ? 1 : 0);
