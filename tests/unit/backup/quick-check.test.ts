// readBackup checks a row without valibot's object wrapper when the row is valid (quickCheck in
// src/lib/backup/rows.ts), and only goes through v.safeParse to word a problem. These tests hold
// it to valibot: the same rows accepted, the same stored rows given back, the same refused.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { benchData } from '../../../bench/data.mjs';
import { latestVersion } from '../../../src/db/schema';
import { BACKUP_TABLES, type BackupTableName } from '../../../src/lib/backup/format';
import { readBackup } from '../../../src/lib/backup/import';
import { quickCheck } from '../../../src/lib/backup/quick-check';
import { readRow, rowSchemas } from '../../../src/lib/backup/rows';
import { storedRow } from '../../../src/lib/stored-rows';

/** A table's row function, for rows of any table. */
const store = (table: BackupTableName) => storedRow[table] as unknown as (data: unknown) => Record<string, unknown>;

/** What readRow gave before quickCheck: valibot's strict object, then the row function. */
function throughValibot(table: BackupTableName, input: unknown) {
  const result = v.safeParse(rowSchemas[table], input, { abortPipeEarly: true });
  return result.success ? store(table)(result.output) : undefined;
}

/** A large household as Tend stores it (about 12,000 rows), the file's rows. */
function household(todos: number): Record<BackupTableName, Record<string, unknown>[]> {
  const data = benchData({ todos });
  return Object.fromEntries(
    BACKUP_TABLES.map((name) => [name, (data[name] ?? []).map(store(name))]),
  ) as Record<BackupTableName, Record<string, unknown>[]>;
}

const ODD_VALUES: readonly unknown[] = [
  undefined, null, true, 0, -0, 1.5, Number.NaN, 1e20, 2 ** 53, '', ' ', '  padded  ', '\u200B', '\u3164', 'Élan', 'W\u030Aill',
  '\uD800', 'x'.repeat(201), '2024-02-29', '2023-02-29', '0000-01-01', 'not-an-email', 'a@b.co', '00000000-0000-7000-8000-000000000001',
  '0195E6A2-7C1B-7D3E-8F4A-2B6C9D0E1F23', Date.UTC(999, 0, 1), 8.64e15 + 1, 1900, 6, {}, [],
  // Each limit of the schemas, and one past it (text lengths, trimmed or not; years; ratings).
  ...[50, 80, 120, 200, 2000].flatMap((length) => ['x'.repeat(length), 'x'.repeat(length + 1), ` ${'x'.repeat(length)} `]),
  1877, 1878, 2100, 2101, 5, 8.64e15, -8.64e15,
];

describe('checking rows without valibot’s object wrapper', () => {
  it('gives back a large file’s rows exactly as Tend stores them, field order included', () => {
    const tables = household(10_000);
    const text = JSON.stringify({ app: 'Tend', kind: 'backup', schemaVersion: latestVersion, exportedAt: new Date(0).toISOString(), tables });
    const read = readBackup(text, text.length);
    for (const name of BACKUP_TABLES) expect(JSON.stringify(read.tables[name]), name).toBe(JSON.stringify(tables[name]));
  });

  it('keeps a row already as Tend stores it, rather than building it again', () => {
    // Each schema lists its fields in the order the row function writes them; a row is only
    // kept when they come in that order, so a schema out of step would quietly copy every row.
    const tables = household(200);
    for (const name of BACKUP_TABLES) {
      for (const row of tables[name]) {
        const result = readRow[name](row);
        expect(result.ok && result.row, `${name} ${JSON.stringify(row)}`).toBe(row);
      }
    }
  });

  it('accepts, stores and refuses every changed row as valibot does', () => {
    const tables = household(200);
    let tried = 0;
    for (const name of BACKUP_TABLES) {
      const fields = Object.keys(rowSchemas[name].entries);
      for (const [index, row] of tables[name].slice(0, 3).entries()) {
        // Its fields in another order too: read into the order Tend writes them.
        const reordered = Object.fromEntries(Object.entries(row).reverse());
        const variants: unknown[] = [row, reordered, null, 'row', [row], { ...row, stray: 1 }];
        for (const field of fields) {
          const { [field]: _left, ...without } = row;
          variants.push(without);
          for (const value of ODD_VALUES) variants.push({ ...row, [field]: value });
        }
        const quick = quickCheck(rowSchemas[name]);
        for (const input of variants) {
          const result = readRow[name](input);
          const expected = throughValibot(name, input);
          const where = `${name} ${index}: ${JSON.stringify(input)}`;
          // The quick check itself, not only the row read: a row it refuses wrongly would
          // still be read right (valibot reads it), only slowly. A row holding an object or a
          // list it leaves to valibot and the walk (checkRow), even where valibot accepts it.
          const quickly = quick(input);
          const nested = input !== null && typeof input === 'object' && Object.values(input).some((value) => value !== null && typeof value === 'object');
          expect(quickly === undefined ? undefined : store(name)(quickly), where).toEqual(nested ? undefined : expected);
          if (expected === undefined) expect(result.ok, where).toBe(false);
          else expect(result, where).toEqual({ ok: true, row: expected });
          if (result.ok) expect(Object.keys(result.row), where).toEqual(Object.keys(expected!));
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(1000);
  });

  it('runs the kinds of step Tend’s rows do not use yet as valibot does', () => {
    // An optional without a default, a limit from below, and a step valibot runs itself.
    const schema = v.strictObject({
      note: v.optional(v.string()),
      count: v.pipe(v.number(), v.minValue(2)),
      code: v.pipe(v.string(), v.minLength(2), v.transform((text) => text.toUpperCase())),
    }, 'a row');
    const quick = quickCheck(schema);
    const inputs = [1, 2, 3].flatMap((count) =>
      [undefined, 'x', 7].flatMap((note) => ['a', 'ab', 3].map((code) => ({ note, count, code }))),
    );
    for (const input of inputs) {
      const result = v.safeParse(schema, input);
      expect(quick(input), JSON.stringify(input)).toEqual(result.success ? result.output : undefined);
    }
  });
});
