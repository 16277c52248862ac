// What every model's screens share, in the spirit of Flask-Admin's ModelView: a model
// describes its fields, columns and data functions once, and the generic List, Form,
// Detail and Delete views (src/views/crud/) render any model from that description.

export interface FormField<Input> {
  name: keyof Input & string;
  label: string;
  type: 'text' | 'email';
  /** Shown under the field; say what is optional or how long it may be. */
  hint?: string;
  autocomplete?: AutoFill;
  required?: boolean;
}

export interface Column<Row> {
  label: string;
  // Method syntax on purpose: it lets a model's Column<User> serve where views expect any row.
  value(row: Row): string | undefined;
}

export interface CrudModel<Row extends { id: number }, Input> {
  /** The URL segment and table name: `users`. */
  path: string;
  singular: string;
  plural: string;
  /** The empty list's invitation: "No users yet — add the first one". */
  emptyText: string;
  fields: readonly FormField<Input>[];
  /** Columns of the list; the first links to the row. */
  columns: readonly Column<Row>[];
  /** Facts on the detail page, under the title. */
  details: readonly Column<Row>[];
  titleOf(row: Row): string;
  emptyInput(): Input;
  toInput(row: Row): Input;
  list(): Promise<Row[]>;
  get(id: number): Promise<Row | undefined>;
  create(input: Input): Promise<number>;
  update(id: number, input: Input): Promise<void>;
  remove(id: number): Promise<void>;
}

// Views see models through this erased type; each model keeps its precise types inside.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCrudModel = CrudModel<{ id: number }, any>;

/** Ids in URLs are positive integers; anything else is simply not found. */
export function parseId(text: string | undefined): number | undefined {
  if (!text || !/^[1-9]\d{0,15}$/.test(text)) return undefined;
  return Number(text);
}

export function formatDate(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium' });
}
