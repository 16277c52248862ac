// A cheaper way to run a row's valibot schema (rows.ts) when the row is valid, as nearly every
// row of a file Tend wrote is. v.safeParse builds, for every field of every row, a dataset
// object, the path to each problem and a copy of the row, and calls every rule through
// valibot's generic pipe; on a file of 100,000 rows that was most of the time spent checking it.
//
// quickCheck reads the SAME schema: its entries, and in each the steps valibot declares (a type,
// trim, a check with its function, a limit with its number, a transform), and runs them
// straight, keeping only whether each passes. It is not a second copy of the rules: a limit,
// a pattern or a check changed in the schema changes here too, and a step of a kind not listed
// below is run by valibot itself. When anything fails it answers "not valid" and the caller
// runs v.safeParse, whose messages are the ones shown. A unit test holds it to valibot
// (tests/unit/backup/quick-check.test.ts).
import type * as v from 'valibot';

export type RowSchema = v.StrictObjectSchema<v.ObjectEntries, string>;

/** A step's answer when the value breaks its rule. */
const INVALID = Symbol('invalid');

/** What valibot runs an unlisted step with: only whether it passes matters here. */
const CONFIG: v.Config<v.BaseIssue<unknown>> = { abortEarly: true, abortPipeEarly: true };

/** The parts of a valibot schema or action a step reads; each kind has some of them. */
interface Declared {
  kind: string;
  type: string;
  pipe?: readonly Declared[];
  wrapped?: Declared;
  default?: unknown;
  options?: readonly unknown[];
  requirement?: unknown;
  operation?: (value: unknown) => unknown;
  '~run': (dataset: v.UnknownDataset, config: v.Config<v.BaseIssue<unknown>>) => v.OutputDataset<unknown, v.BaseIssue<unknown>>;
}

/** The kinds of step run here, each a case of run() below; any other kind valibot runs. */
const STRING = 0;
const NUMBER = 1;
const PICKLIST = 2;
const OPTIONAL = 3;
const TRIM = 4;
const CHECK = 5;
const MAX_LENGTH = 6;
const MIN_VALUE = 7;
const MAX_VALUE = 8;
const TRANSFORM = 9;
const VALIBOT = 10;

/**
 * One step of a field's rule, as data rather than a function of its own: a valid row's fields
 * then go through one loop of plain cases, with a call only where the schema has a function
 * (a check, a transform). Calls through a list of functions of every kind were most of the
 * checking's cost, above all before the engine has optimised it (a file of 10,000 rows is read
 * mostly before it has). Every step has every property, so the loop reads one shape.
 */
interface Step {
  kind: number;
  /** max_length, min_value, max_value: the limit. */
  limit: number;
  /** check: the test; transform: the operation; a kind valibot runs: its run, or INVALID. */
  call: (value: unknown) => unknown;
  /** picklist: the options. */
  options: readonly unknown[];
  /** optional: its default, and how many of the steps after it are its wrapped schema's. */
  fallback: unknown;
  skip: number;
}

const NONE = () => undefined;

function make(kind: number, parts: Partial<Omit<Step, 'kind'>> = {}): Step {
  return { kind, limit: parts.limit ?? 0, call: parts.call ?? NONE, options: parts.options ?? [], fallback: parts.fallback, skip: parts.skip ?? 0 };
}

/**
 * A schema's steps in order, a pipe within a pipe flattened into one list. `unknown` passes
 * every value as it is, so it adds none (a derived key's rule is then no step at all).
 */
function stepsOf(declared: Declared): Step[] {
  if (declared.pipe) return declared.pipe.filter((part) => part.kind !== 'metadata').flatMap(stepsOf);
  // A missing field is settled by the object (see quickCheck); a default would be filled in there.
  if (declared.type === 'exact_optional' && declared.default === undefined) return stepsOf(declared.wrapped!);
  return single(declared);
}

/** The steps for one schema or action, as valibot's own `~run` of that kind behaves on the way to success. */
function single(declared: Declared): Step[] {
  const { requirement, operation } = declared;
  switch (declared.type) {
    case 'unknown':
      return [];
    case 'string':
      return [make(STRING)];
    case 'number':
      return [make(NUMBER)];
    case 'picklist':
      return [make(PICKLIST, { options: declared.options! })];
    case 'optional': {
      if (typeof declared.default === 'function') break;
      const inner = stepsOf(declared.wrapped!);
      return [make(OPTIONAL, { fallback: declared.default, skip: inner.length }), ...inner];
    }
    case 'trim':
      return [make(TRIM)];
    case 'check':
    case 'integer':
      return [make(CHECK, { call: requirement as (value: unknown) => boolean })];
    case 'max_length':
      return [make(MAX_LENGTH, { limit: requirement as number })];
    case 'min_value':
      return [make(MIN_VALUE, { limit: requirement as number })];
    case 'max_value':
      return [make(MAX_VALUE, { limit: requirement as number })];
    case 'transform':
      return [make(TRANSFORM, { call: operation! })];
  }
  // Any other kind: valibot runs it, on a value whose type an earlier step settled.
  const call = (value: unknown) => {
    const dataset = declared['~run']({ value, typed: true } as unknown as v.UnknownDataset, CONFIG);
    return dataset.issues || !dataset.typed ? INVALID : dataset.value;
  };
  return [make(VALIBOT, { call })];
}

/** A field's value after its steps (trimmed, transformed), or INVALID. */
function run(steps: readonly Step[], input: unknown): unknown {
  let value = input;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    switch (step.kind) {
      case STRING:
        if (typeof value !== 'string') return INVALID;
        break;
      case NUMBER:
        if (typeof value !== 'number' || Number.isNaN(value)) return INVALID;
        break;
      case PICKLIST:
        if (!step.options.includes(value)) return INVALID;
        break;
      case OPTIONAL:
        if (value === undefined) value = step.fallback;
        // As valibot's optional: a value still missing skips its wrapped schema.
        if (value === undefined) i += step.skip;
        break;
      case TRIM:
        value = (value as string).trim();
        break;
      case CHECK:
        if (!step.call(value)) return INVALID;
        break;
      case MAX_LENGTH:
        if ((value as string).length > step.limit) return INVALID;
        break;
      case MIN_VALUE:
        if (!((value as number) >= step.limit)) return INVALID;
        break;
      case MAX_VALUE:
        if (!((value as number) <= step.limit)) return INVALID;
        break;
      case TRANSFORM:
        value = step.call(value);
        break;
      default:
        value = step.call(value);
        if (value === INVALID) return INVALID;
    }
  }
  return value;
}

/**
 * The row's own fields as the strict object would give them, or undefined if anything is
 * wrong: every field by its steps, and the object's part (no key the schema lacks, none it
 * requires missing) done here as valibot's strict object does it. Stricter than valibot in one
 * way: a row holding an object or a list anywhere is not passed, even where valibot would
 * accept it (a derived key), so that the caller walks it (checkRow in envelope.ts). The row
 * itself comes back when it is exactly what valibot would give, its fields in the schema's
 * order included; otherwise a new object, in that order.
 */
export function quickCheck(schema: RowSchema): (input: unknown) => Record<string, unknown> | undefined {
  const fields = Object.entries(schema.entries).map(([key, rule], index) => {
    const declared = rule as unknown as Declared;
    // A field that may be left out. A default would have to be filled in, so such a field is
    // simply not optional here (a row without it then goes through valibot).
    const optional = declared.type === 'exact_optional' && declared.default === undefined;
    return { key, optional, steps: stepsOf(declared), index };
  });
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const required = fields.filter(({ optional }) => !optional).length;
  return (input) => {
    if (input === null || typeof input !== 'object') return undefined;
    const row = input as Record<string, unknown>;
    // The fields a step changed (text trimmed, an empty one left out), when any did. Most rows
    // are as Tend wrote them, and then the row itself holds exactly what the schema would give.
    let changed: Map<string, unknown> | undefined;
    let requiredSeen = 0;
    // Whether the row's keys come in the schema's order, as in the rows Tend writes.
    let inOrder = true;
    let last = -1;
    // Driven by the row's own keys, read in a for-in over it: the engine then reads each value
    // through the row's own layout, where a look-up by the schema's keys (rows of a table come
    // in many layouts, one per set of optional fields) took its slowest, generic path.
    for (const key in row) {
      const field = byKey.get(key);
      if (field === undefined) return undefined;
      const value = row[key];
      if (value !== null && typeof value === 'object') return undefined;
      if (!field.optional) requiredSeen++;
      if (field.index < last) inOrder = false;
      last = field.index;
      // A field that may be left out and passes any value as it is (a derived key, which the
      // row functions recompute) has no steps: it cannot make a row invalid.
      if (field.steps.length === 0) continue;
      const result = run(field.steps, value);
      if (result === INVALID) return undefined;
      if (result !== value) (changed ??= new Map()).set(key, result);
    }
    // Every key is the schema's, each once, so the count says whether all it requires are here.
    if (requiredSeen !== required) return undefined;
    if (!changed && inOrder) return row;
    const valid: Record<string, unknown> = {};
    for (const { key } of fields) if (key in row) valid[key] = changed?.has(key) ? changed.get(key) : row[key];
    return valid;
  };
}
