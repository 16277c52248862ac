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

/** One step of a field's rule: the value it passes on (trimmed, transformed), or INVALID. */
type Step = (value: unknown) => unknown;

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

/**
 * The step for one schema or action, as valibot's own `~run` of that kind behaves on the way
 * to success (after its type is known, which every pipe's first schema settles).
 */
function step(declared: Declared): Step {
  return steps(stepsOf(declared));
}

/**
 * A schema's steps in order, a pipe within a pipe flattened into one list: a valid row's
 * fields go through as few calls as the rules allow, which counts most before the engine has
 * optimised this code (a file of 10,000 rows is read mostly before it has).
 */
function stepsOf(declared: Declared): Step[] {
  if (declared.pipe) return declared.pipe.filter((part) => part.kind !== 'metadata').flatMap(stepsOf);
  // A missing field is settled by the object (see quickCheck); a default would be filled in there.
  if (declared.type === 'exact_optional' && declared.default === undefined) return stepsOf(declared.wrapped!);
  return [single(declared)];
}

function single(declared: Declared): Step {
  const { requirement, operation } = declared;
  switch (declared.type) {
    case 'unknown':
      return (value) => value;
    case 'string':
      return (value) => (typeof value === 'string' ? value : INVALID);
    case 'number':
      return (value) => (typeof value === 'number' && !Number.isNaN(value) ? value : INVALID);
    case 'picklist': {
      const options = declared.options!;
      return (value) => (options.includes(value) ? value : INVALID);
    }
    case 'optional': {
      const fallback = declared.default;
      if (typeof fallback === 'function') break;
      const inner = step(declared.wrapped!);
      return (value) => {
        const given = value === undefined ? fallback : value;
        return given === undefined ? undefined : inner(given);
      };
    }
    case 'trim':
      return (value) => (value as string).trim();
    case 'check':
    case 'integer': {
      const passes = requirement as (value: unknown) => boolean;
      return (value) => (passes(value) ? value : INVALID);
    }
    case 'max_length': {
      const max = requirement as number;
      return (value) => ((value as string).length > max ? INVALID : value);
    }
    case 'min_value':
      return (value) => ((value as number) >= (requirement as number) ? value : INVALID);
    case 'max_value':
      return (value) => ((value as number) <= (requirement as number) ? value : INVALID);
    case 'transform':
      return (value) => operation!(value);
  }
  // Any other kind: valibot runs it, on a value whose type an earlier step settled.
  return (value) => {
    const dataset = declared['~run']({ value, typed: true } as unknown as v.UnknownDataset, CONFIG);
    return dataset.issues || !dataset.typed ? INVALID : dataset.value;
  };
}

function steps(list: readonly Step[]): Step {
  if (list.length === 1) return list[0]!;
  return (value) => {
    let current = value;
    for (let i = 0; i < list.length && current !== INVALID; i++) current = list[i]!(current);
    return current;
  };
}

/**
 * The row's own fields as the strict object would give them, or undefined if anything is
 * wrong: every field by its steps, and the object's part (no key the schema lacks, none it
 * requires missing) done here as valibot's strict object does it.
 */
export function quickCheck(schema: RowSchema): (input: unknown) => Record<string, unknown> | undefined {
  const fields = Object.entries(schema.entries).map(([key, rule]) => {
    const declared = rule as unknown as Declared;
    const optional = declared.type === 'exact_optional' && declared.default === undefined;
    return {
      key,
      // A field that may be left out. A default would have to be filled in, so such a field is
      // simply not optional here (a row without it then goes through valibot).
      optional,
      // A field whose every value passes as it is (a derived key, which the row functions
      // recompute) needs no call at all.
      check: optional && !declared.pipe && declared.wrapped?.type === 'unknown' && !declared.wrapped.pipe ? undefined : step(declared),
    };
  });
  const known = new Set(fields.map(({ key }) => key));
  return (input) => {
    if (input === null || typeof input !== 'object') return undefined;
    const row = input as Record<string, unknown>;
    // The fields a step changed (text trimmed, an empty one left out), when any did. Most rows
    // are as Tend wrote them, and then the row itself holds exactly what the schema would give.
    let changed: Map<string, unknown> | undefined;
    for (let i = 0; i < fields.length; i++) {
      const { key, optional, check } = fields[i]!;
      if (!(key in row)) {
        if (optional) continue;
        return undefined;
      }
      if (!check) continue;
      const value = row[key];
      const checked = check(value);
      if (checked === INVALID) return undefined;
      if (checked !== value) (changed ??= new Map()).set(key, checked);
    }
    for (const key in row) if (!known.has(key)) return undefined;
    if (!changed) return row;
    const valid: Record<string, unknown> = {};
    for (const { key } of fields) if (key in row) valid[key] = changed.has(key) ? changed.get(key) : row[key];
    return valid;
  };
}
