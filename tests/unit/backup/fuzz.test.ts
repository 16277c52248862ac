// Mutated backup files, made by a seeded generator so every run tries the same ones: each is
// imported in both modes, and must either be imported whole or refused in words, changing
// nothing. Never a crash, never a partial write, never a row stored with keys that Tend's own
// row code would not give it.
import { describe, expect, it } from 'vitest';
import { replaceDataTables } from '../../../src/db/db';
import { isId } from '../../../src/db/ids';
import { BACKUP_TABLES, BackupError, type BackupTables } from '../../../src/lib/backup/format';
import { importBackup, readBackup, type ImportMode } from '../../../src/lib/backup/import';
import { loadSampleData } from '../../../src/lib/sample-data';
import { validatePost } from '../../../src/lib/posts/validate';
import { storedRow } from '../../../src/lib/stored-rows';
import { isBlank } from '../../../src/lib/text';
import { addTodo } from '../../../src/lib/todos/mutations';
import { toLocalDateTimeInput } from '../../../src/lib/moments';
import { backupOf, category, everything, idOf, movie, post, textOf, todo, user } from './factories';

/** Files tried; each in both modes. About 4 s in all. */
const FILES = 120;
const SEED = 0x7e4d;

/** mulberry32: small, and the same everywhere. */
function generator(seed: number) {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[below(list.length)]!;
  return { random, below, pick };
}

type Random = ReturnType<typeof generator>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HOSTILE: readonly Json[] = [
  null, true, false, 0, -1, 1.5, 1e20, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, 2 ** 53, -0.0,
  '', ' ', '\u200B', '\u3164', '\u115F\u1160', '\u00AD', '\uFEFF\u2060', 'x'.repeat(201), 'y'.repeat(20_001),
  '0', '-1', '2023-02-29', '2024-02-29', '9999-12-31', '0000-01-01', '1e3', 'W\u030Aill', 'ẘill', 'Ann', 'ANN', 'Änn',
  'a@b.co', 'not-an-email', '=cmd|\'/c calc\'!A1', '<img src=x onerror=alert(1)>', '\uD800', '🌿'.repeat(60),
  {}, [], [1, 2], { a: { b: { c: [] } } },
];

/** Values aimed at one field: what got through before ids, dates and names were checked. */
const AIMED: Record<string, readonly Json[]> = {
  // Numbers, as files made before schema 5 had them, and UUIDs in the wrong case or unknown.
  id: [1, 2 ** 53 - 1, 0, -5, '1', idOf(1), idOf(2), '0195E6A2-7C1B-7D3E-8F4A-2B6C9D0E1F23'],
  userId: [1, 99, idOf(2), idOf(99)],
  categoryId: [1, 99, idOf(2), idOf(99)],
  pubDate: [Date.UTC(999, 11, 31), Date.UTC(10_000, 0, 2), 8.64e15, -8.64e15, 0, -1],
  username: ['\u200B\u3164', 'W\u030Aill', 'ẘill', ' ann '],
  name: ['\u115F\u1160\uFFA0', 'W\u030Aall', 'ẘall', 'HOME'],
  title: ['\u00AD', '\u2800', 'Élan'],
};

const FIELDS = ['id', 'username', 'email', 'name', 'title', 'body', 'notes', 'done', 'watched', 'year', 'rating', 'dueDate', 'pubDate', 'userId', 'categoryId', 'authorId', 'createdAt', 'updatedAt', 'completedAt', 'titleKey', 'usernameKey', 'nameSortKey', 'stray', '__proto__'];

/** A good file with a little of everything, links included. */
function baseFile(): Json {
  return backupOf({
    users: [user(1, 'Ann', { email: 'ann@example.com' }), user(2, 'Álvaro'), user(3, 'bob', { email: 'bob@example.com' })],
    categories: [category(1, 'Home'), category(2, 'Économie')],
    todos: [
      todo(1, 'Dig', { userId: 1, categoryId: 2 }),
      todo(2, 'Sow', { done: 1, completedAt: 5, dueDate: '2026-03-01', notes: 'Beans' }),
      todo(3, 'Écrire', { userId: 3 }),
    ],
    posts: [post(1, 'Hello', 1, { authorId: 2 }), post(2, 'Über', 2)],
    movies: [movie(1, 'Amélie', { year: 2001, rating: 5, watched: 1 }), movie(2, 'Heat')],
  }) as unknown as Json;
}

/** Every container in the file with its path, to pick one to change. */
function containers(value: Json, found: (Json[] | { [key: string]: Json })[] = []) {
  if (value !== null && typeof value === 'object') {
    found.push(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) containers(child, found);
  }
  return found;
}

/** One change to the parsed file: a value swapped, a field dropped or added, a row copied. */
function mutateValue(file: Json, r: Random): void {
  // Rows more often than the rest: that is where the rules are.
  const rows = containers(file).filter((each) => !Array.isArray(each) && 'createdAt' in each || 'pubDate' in each);
  const target = r.random() < 0.6 ? r.pick(rows) : r.pick(containers(file));
  if (Array.isArray(target)) {
    const choice = r.below(4);
    if (target.length > 0 && choice === 0) target.push(structuredClone(r.pick(target)));
    else if (target.length > 0 && choice === 1) target.splice(r.below(target.length), 1);
    else if (target.length > 0 && choice === 2) target[r.below(target.length)] = structuredClone(r.pick(HOSTILE));
    else target.push(structuredClone(r.pick(HOSTILE)));
    return;
  }
  const keys = Object.keys(target);
  const aimed = keys.filter((key) => key in AIMED);
  const choice = r.below(6);
  if (aimed.length > 0 && choice >= 4) {
    const key = r.pick(aimed);
    target[key] = r.pick(AIMED[key]!);
  } else if (keys.length > 0 && choice === 0) delete target[r.pick(keys)];
  else if (keys.length > 0 && choice === 1) target[r.pick(keys)] = structuredClone(r.pick(HOSTILE));
  else if (choice === 2) target[r.pick(FIELDS)] = structuredClone(r.pick(HOSTILE));
  else if (keys.length > 1) {
    // Two fields' values swapped: an id where a title belongs, and so on.
    const [a, b] = [r.pick(keys), r.pick(keys)];
    [target[a], target[b]] = [target[b]!, target[a]!];
  }
}

/** One change to the text itself: cut short, a character dropped or added. */
function mutateText(text: string, r: Random): string {
  const at = r.below(text.length);
  switch (r.below(3)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    default:
      return text.slice(0, at) + r.pick(['"', '{', ']', ',', '\\', '\u0000', 'é', '9']) + text.slice(at);
  }
}

function mutatedFile(r: Random): string {
  const file = baseFile();
  for (let changes = 1 + r.below(3); changes > 0; changes--) mutateValue(file, r);
  const text = textOf(file);
  return r.random() < 0.15 ? mutateText(text, r) : text;
}

/** Every row as Tend's row code would store it, and every link pointing at a row that exists. */
function expectWellFormed(tables: BackupTables, context: string) {
  for (const name of BACKUP_TABLES) {
    const shape = storedRow[name] as unknown as (row: object) => object;
    for (const row of tables[name]) expect(shape(row), `${context}: ${name}`).toStrictEqual(row);
  }
  const users = new Set(tables.users.map((row) => row.id));
  const categories = new Set(tables.categories.map((row) => row.id));
  for (const row of tables.todos) {
    if (row.userId !== undefined) expect(users, context).toContain(row.userId);
    if (row.categoryId !== undefined) expect(categories, context).toContain(row.categoryId);
  }
  for (const row of tables.posts) {
    expect(categories, context).toContain(row.categoryId);
    if (row.authorId !== undefined) expect(users, context).toContain(row.authorId);
  }
}

/** What was imported can be seen and edited: no invisible names, dates the form can show. */
function expectUsable(tables: BackupTables, context: string) {
  const names = [
    ...tables.users.map((row) => row.username),
    ...tables.categories.map((row) => row.name),
    ...[...tables.todos, ...tables.posts, ...tables.movies].map((row) => row.title),
  ];
  for (const name of names) expect(isBlank(name), `${context}: ${JSON.stringify(name)}`).toBe(false);
  for (const row of tables.posts) {
    const form = { title: row.title, body: row.body, pubDate: toLocalDateTimeInput(row.pubDate), categoryId: String(row.categoryId), authorId: '' };
    expect(() => validatePost(form), context).not.toThrow();
  }
}

describe('mutated backup files', () => {
  it(`${FILES} seeded mutations, each in both modes: imported whole or refused in words, never half`, { timeout: 30_000 }, async () => {
    await loadSampleData();
    const baseline = await everything();
    const r = generator(SEED);
    const outcomes = { imported: 0, refused: 0 };
    let changed = false;
    for (let n = 0; n < FILES; n++) {
      const text = mutatedFile(r);
      for (const mode of ['replace', 'merge'] as ImportMode[]) {
        const context = `file ${n} (${mode}): ${text.slice(0, 300)}`;
        // A refusal leaves the baseline (checked below); only an import needs it put back.
        if (outcomes.imported > 0 && changed) await replaceDataTables(baseline as never);
        changed = false;
        let summary;
        try {
          summary = await importBackup(readBackup(text, text.length), mode);
        } catch (error) {
          // Only a refusal in words; and then nothing changed.
          expect(error, context).toBeInstanceOf(BackupError);
          expect((error as BackupError).message, context).toMatch(/\w/);
          expect(await everything(), context).toStrictEqual(baseline);
          outcomes.refused += 1;
          continue;
        }
        outcomes.imported += 1;
        changed = true;
        const after = await everything();
        expectWellFormed(after, context);
        for (const name of BACKUP_TABLES) {
          const expected = (mode === 'replace' ? 0 : baseline[name].length) + summary.added[name];
          expect(after[name], `${context}: ${name}`).toHaveLength(expected);
        }
        expectUsable(after, context);
        // Tend can still add a row, with an id no imported row has.
        const added = await addTodo('One more');
        expect(isId(added), context).toBe(true);
        expect(after.todos.map((row) => row.id), context).not.toContain(added);
      }
    }
    // The mutations are mild enough that some files still import, and harsh enough that most do not.
    expect(outcomes.imported).toBeGreaterThan(FILES / 10);
    expect(outcomes.refused).toBeGreaterThan(FILES / 2);
  });
});
