// The rules for a STORED row, as a backup holds it. The forms' validators (src/lib/<model>/
// validate.ts) check text as typed; here the same limits and messages are applied to numbers,
// flags and ids as they are stored. Objects are strict, so a typo'd field name is caught
// rather than dropped. Derived keys are never trusted: they are accepted (Tend writes them)
// and recomputed from the checked fields, so a hand-edited file cannot break an index's
// order or a uniqueness rule.
import * as v from 'valibot';
import { CATEGORY_NAME_MAX } from '../categories/stored';
import { NOTES_MAX as MOVIE_NOTES_MAX, RATING_MAX, TITLE_MAX as MOVIE_TITLE_MAX, YEAR_MAX, YEAR_MIN } from '../movies/stored';
import { BODY_MAX, TITLE_MAX as POST_TITLE_MAX } from '../posts/stored';
import { categoryComputed, movieComputed, postComputed, storedCategory, storedMovie, storedPost, storedTodo, storedUser, todoComputed, userComputed } from '../stored-rows';
import { NOTES_MAX as TODO_NOTES_MAX, TITLE_MAX as TODO_TITLE_MAX } from '../todos/stored';
import { EMAIL_MAX, USERNAME_MAX } from '../users/stored';
import { optionalEmail } from '../users/validate';
import { momentInRange } from '../moments';
import { isId } from '../../db/ids';
import { optionalDay, optionalText, requiredText } from '../validation';
import { quickCheck, type RowSchema } from './quick-check';
import { checkRow } from './envelope';
import type { BackupTableName, BackupTables } from './format';

/** The latest moment a Date can hold; anything past it could not be shown. */
const MAX_MOMENT = 8.64e15;

// Each text rule is the form's own (trimmed, same limits, same words), behind a type check,
// since a file can hold a number where text belongs.
const text = (label: string, max: number) => v.pipe(v.string(`${label} must be text`), requiredText(label, max));

/**
 * A form rule for optional text behind a type check. Those rules take `string | undefined`
 * (an untouched field); handing them only strings is safe, which the cast says to TypeScript.
 */
function textThen<Output>(label: string, rule: v.GenericSchema<string | undefined, Output>) {
  return v.exactOptional(v.pipe(v.string(`${label} must be text`), rule as unknown as v.GenericSchema<string, Output>));
}

/** Ids are UUIDs as Tend writes them (src/db/ids.ts); a file's numbers from before are rewritten first. */
function id(label: string) {
  const message = `${label} must be an id: a UUID in lower case, such as 0195e6a2-7c1b-7d3e-8f4a-2b6c9d0e1f23`;
  // isId itself as the check, not a function calling it: one call fewer for every id and link of a file.
  return v.pipe(v.string(message), v.check<string, string>(isId, message));
}

function moment(label: string) {
  const message = `${label} must be a time in milliseconds since 1970`;
  return v.pipe(v.number(message), v.check((ms) => Math.abs(ms) <= MAX_MOMENT, message));
}

/** A publication date: a moment every device can show and edit (years 1000 to 9999). */
function editableMoment(label: string) {
  return v.pipe(moment(label), momentInRange(label));
}

const flag = (label: string) => v.picklist([0, 1], `${label} must be 0 or 1`);

function wholeNumber(label: string, min: number, max: number) {
  return v.pipe(
    v.number(`${label} must be a whole number`),
    v.integer(`${label} must be a whole number`),
    v.minValue(min, `${label} must be from ${min} to ${max}`),
    v.maxValue(max, `${label} must be from ${min} to ${max}`),
  );
}

/** A derived key: allowed in the file, never read from it. */
const derived = v.exactOptional(v.unknown());

const NOT_A_ROW = 'a row must be an object of fields';

// One schema per table, as data: the todos, posts and movies ones look alike because each
// lists its own fields with the shared rules above, not because logic is repeated. Each lists
// its fields in the order its row function writes them (a test holds them to it), so that a
// file's row in that order can be kept as it is (see rule below).

const userRow = v.strictObject(
  {
    id: id('Id'),
    username: text('Username', USERNAME_MAX),
    usernameKey: derived,
    usernameSortKey: derived,
    createdAt: moment('Created'),
    email: textThen('Email', optionalEmail('Email', EMAIL_MAX)),
    emailKey: derived,
  },
  NOT_A_ROW,
);

const categoryRow = v.strictObject(
  { id: id('Id'), name: text('Name', CATEGORY_NAME_MAX), nameKey: derived, nameSortKey: derived, createdAt: moment('Created') },
  NOT_A_ROW,
);

const todoRow = v.strictObject(
  {
    id: id('Id'),
    title: text('Title', TODO_TITLE_MAX),
    titleKey: derived,
    done: flag('Done'),
    dueKey: derived,
    createdAt: moment('Created'),
    updatedAt: moment('Updated'),
    notes: textThen('Notes', optionalText('Notes', TODO_NOTES_MAX)),
    dueDate: textThen('Due date', optionalDay('Due date')),
    userId: v.exactOptional(id('Owner')),
    categoryId: v.exactOptional(id('Category')),
    completedAt: v.exactOptional(moment('Completed')),
  },
  NOT_A_ROW,
);

const postRow = v.strictObject(
  {
    id: id('Id'),
    title: text('Title', POST_TITLE_MAX),
    titleKey: derived,
    body: text('Body', BODY_MAX),
    pubDate: editableMoment('Publication date'),
    categoryId: id('Category'),
    authorId: v.exactOptional(id('Author')),
  },
  NOT_A_ROW,
);

const movieRow = v.strictObject(
  {
    id: id('Id'),
    title: text('Title', MOVIE_TITLE_MAX),
    titleKey: derived,
    yearKey: derived,
    watched: flag('Watched'),
    createdAt: moment('Created'),
    year: v.exactOptional(wholeNumber('Year', YEAR_MIN, YEAR_MAX)),
    rating: v.exactOptional(wholeNumber('Rating', 1, RATING_MAX)),
    notes: textThen('Notes', optionalText('Notes', MOVIE_NOTES_MAX)),
  },
  NOT_A_ROW,
);

/** One thing wrong with a row: the field (none when the row itself is wrong) and why. */
export interface FieldProblem {
  field?: string;
  message: string;
}

export type RowResult<Row> = { ok: true; row: Row } | { ok: false; problems: FieldProblem[] };

/** The fields a row function works out (ComputedFields in row-shape.ts), as read here: from any valid row. */
type Computed = Readonly<Record<string, (data: never) => unknown>>;

function rule<const Schema extends RowSchema, Row>(schema: Schema, store: (valid: v.InferOutput<Schema>) => Row, computed: Computed) {
  const quick = quickCheck(schema);
  // Objects rather than [field, compute] pairs: taking a pair apart runs the list protocol,
  // costly per row while the engine has not yet optimised this.
  const fields = Object.entries(computed).map(([field, compute]) => ({ field, compute: compute as (data: Record<string, unknown>) => unknown }));
  /**
   * Whether a valid row, its fields in the schema's order and none changed by its rules, is
   * already what the row function would make of it: the function copies every other field.
   * Object.is, since a flag of -0 passes the rules and the function writes it as 0.
   */
  const asStored = (row: Record<string, unknown>) => {
    for (let i = 0; i < fields.length; i++) {
      const { field, compute } = fields[i]!;
      if (!Object.is(row[field], compute(row))) return false;
    }
    return true;
  };
  return (input: unknown): RowResult<Row> => {
    // A valid row, as nearly all are, is settled by the schema's own rules run straight
    // (quick-check.ts); valibot's full parse then only words what is wrong with the others.
    const valid = quick(input);
    if (valid !== undefined) {
      // A row as Tend wrote it is kept rather than copied: building 12,000 rows anew was a
      // quarter of checking a file of 10,000 to-dos, most of it the collections they caused.
      return { ok: true, row: valid === input && asStored(valid) ? (valid as Row) : store(valid as v.InferOutput<Schema>) };
    }
    // A row the quick check refuses may hold what the walk after the parse left to it (a
    // forbidden key, a value nested too deeply): that refuses the whole file.
    checkRow(input);
    // Every field is checked (so one pass lists them all), but each stops at its first problem.
    const result = v.safeParse(schema, input, { abortPipeEarly: true });
    return result.success ? { ok: true, row: store(result.output) } : { ok: false, problems: result.issues.map(describeIssue) };
  };
}

/**
 * Reads one row of each table into its stored form (through the same row functions as every
 * other write, which recompute the derived keys and leave out empty optional fields), or says
 * what is wrong with it.
 */
export const readRow: { [Table in BackupTableName]: (input: unknown) => RowResult<BackupTables[Table][number]> } = {
  users: rule(userRow, storedUser, userComputed),
  categories: rule(categoryRow, storedCategory, categoryComputed),
  todos: rule(todoRow, storedTodo, todoComputed),
  posts: rule(postRow, storedPost, postComputed),
  movies: rule(movieRow, storedMovie, movieComputed),
};

/** Each table's schema as valibot reads it, for the tests that hold quickCheck to it. */
export const rowSchemas = { users: userRow, categories: categoryRow, todos: todoRow, posts: postRow, movies: movieRow };

/** A valibot issue in words: the field's own rule says its message; the object's are about keys. */
function describeIssue(issue: v.BaseIssue<unknown>): FieldProblem {
  const step = issue.path?.[0];
  const field = step && String(step.key);
  if (step?.origin === 'key') {
    return issue.expected === 'never'
      ? { field, message: 'Tend has no such field (is its name mistyped?)' }
      : { field, message: 'this field is missing' };
  }
  return { field, message: issue.message };
}
