// What every model's screens share, in the spirit of Flask-Admin's ModelView: a model
// describes its fields, columns, listing and data functions once, and the generic List,
// Form, Detail and Delete views (src/views/crud/) render any model from that description.
import { isId } from '../db/ids';
import type { KeptRows } from './kept-rows';
import type { Listing, Ordering, Page, PagePosition } from './paging';
// How a list is read is described with paging, which reads it; the models describe theirs with these.
export type { FilterOption, ListQuery, Listing, Scope, SortOption } from './paging';

/** What a form edits: text as typed (numbers and dates too), booleans for checkboxes. */
export type FormInput = Record<string, string | boolean>;

export interface Choice {
  value: string;
  label: string;
}

export interface FormField<Input> {
  name: keyof Input & string;
  label: string;
  type: 'text' | 'email' | 'textarea' | 'number' | 'date' | 'datetime' | 'checkbox' | 'choice';
  /** Shown under the field; say what is optional or how long it may be. */
  hint?: string;
  autocomplete?: AutoFill;
  required?: boolean;
  /** `choice` fields: the options, read live while the form is open. */
  choices?: () => Promise<Choice[]>;
  /** `choice` fields that may be left empty: the empty option's label ("No category"). */
  noneLabel?: string;
  /** `choice` fields: create a new option on the spot (a post's category). Returns its value. */
  quickAdd?: { label: string; create(name: string): Promise<string> };
}

export interface Column<Row> {
  label: string;
  // Method syntax on purpose: it lets a model's Column<Post> serve where views expect any row.
  value(row: Row): string | undefined;
  /** An app path to link the cell to, e.g. a post's category: `/categories/3`. */
  link?(row: Row): string | undefined;
  /** The name of the sort (in `listing.sorts`) this column's header switches to. */
  sort?: string;
  /** In the list, a checkbox that changes the row at once (a movie watched) instead of the text. */
  toggle?: Toggle<Row>;
}

export interface Toggle<Row> {
  checked(row: Row): boolean;
  set(row: Row, checked: boolean): Promise<void>;
}

/** Rows of another model that point at this row, listed on its detail page. */
export interface Related {
  title: string;
  /** The other model's path: `posts`. */
  model: string;
  /** The other model's field that holds this row's id: `categoryId`. */
  field: string;
  /** Only where the other model has an index on [field + its search field + id]. */
  searchable?: boolean;
}

export interface Dependent {
  /** The dependents' model path: `posts`. */
  model: string;
  /** "3 posts" */
  label: string;
  count: number;
}

export interface DeleteChoice {
  kind: 'move' | 'unlink' | 'cascade';
  /** With `move`: the id of the row the dependents move to. */
  targetId?: string;
}

export interface DeleteOption {
  kind: DeleteChoice['kind'];
  label: string;
  /** With `move`: where to. */
  target?: { label: string; choices(excludeId: string): Promise<Choice[]> };
  /** Whether the option makes sense for these dependents (posts cannot lose their category). */
  when?(dependents: readonly Dependent[]): boolean;
}

export interface Deletion {
  /** The rows that point at this one, per kind; only kinds with a count above 0. */
  dependents(id: string): Promise<Dependent[]>;
  /** What can be done with them, first is the default. */
  options: readonly DeleteOption[];
}

export interface CrudModel<Row extends { id: string }, Input> {
  /** The URL segment and table name: `users`. */
  path: string;
  singular: string;
  plural: string;
  /** The empty list's invitation: "No users yet — add the first one." */
  emptyText: string;
  fields: readonly FormField<Input>[];
  /** Columns of the list; the first links to the row. */
  columns: readonly Column<Row>[];
  /** Facts on the detail page, under the title. */
  details: readonly Column<Row>[];
  related?: readonly Related[];
  listing: Listing;
  deletion?: Deletion;
  titleOf(row: Row): string;
  emptyInput(): Input;
  toInput(row: Row): Input;
  /**
   * A page of rows with their related names loaded (one batched read per related table), or
   * with `kept`, those not kept from the list's earlier reads.
   */
  page(ordering: Ordering, position: PagePosition, size: number, kept?: KeptRows): Promise<Page<Row>>;
  count(ordering: Ordering): Promise<number>;
  get(id: string): Promise<Row | undefined>;
  create(input: Input): Promise<string>;
  update(id: string, input: Input): Promise<void>;
  /** Deletes the row and deals with its dependents as chosen, in one transaction. */
  remove(id: string, choice?: DeleteChoice): Promise<void>;
}

// Views see models through this erased type; each model keeps its precise types inside.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCrudModel = CrudModel<any, any>;

/** Ids in URLs are as stored; anything else is simply not found (old numbers are redirected before, see former-addresses.ts). */
export function parseId(text: string | undefined): string | undefined {
  return isId(text) ? text : undefined;
}
