// The same input written through every path that writes rows must be stored as the same row,
// derived keys included: a key computed differently on one path drops that row out of a list
// or a search without any error.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/db';
import { isId } from '../../src/db/ids';
import { NO_DUE_DATE } from '../../src/db/models';
import type { StoredRow } from '../../src/db/schema';
import { snapshotsOf } from '../../src/db/snapshots';
import { exportEverything } from '../../src/lib/backup/export';
import type { BackupTableName } from '../../src/lib/backup/format';
import { importBackup, readBackup, type ImportMode } from '../../src/lib/backup/import';
import { createCategory, createCategoryNamed, updateCategory } from '../../src/lib/categories/mutations';
import { createMovie, updateMovie } from '../../src/lib/movies/mutations';
import { createPost, updatePost } from '../../src/lib/posts/mutations';
import { restoreSnapshot } from '../../src/lib/snapshots';
import { storedRow } from '../../src/lib/stored-rows';
import { addTodo, createTodo, updateTodo } from '../../src/lib/todos/mutations';
import { createUser, updateUser } from '../../src/lib/users/mutations';
import { backupOf, clearEverything, textOf } from './backup/factories';
import { fixedId } from './support';

const T = Date.UTC(2025, 2, 14, 9, 30);
const PUBLISHED = new Date(2025, 2, 14, 9, 30).getTime();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T);
});

afterEach(async () => {
  vi.useRealTimers();
  await snapshotsOf(db.name).snapshots.clear();
});

interface Case {
  table: BackupTableName;
  /** The one row this input must become, written out by hand. */
  stored: StoredRow;
  /** The derived fields, which a file or an older database may hold wrong or not at all. */
  derived: string[];
  /** Writes it through the form's create; returns its id. */
  create(): Promise<string>;
  /** Creates something else, then edits it into this. */
  update(): Promise<string>;
  /** Other ways to write it (quick adds), each with the row it must become. */
  quick?: { name: string; write(): Promise<string>; stored: StoredRow }[];
}

const home = { id: fixedId(1), name: 'Home', nameKey: 'home', nameSortKey: 'home', createdAt: T };

const cases: Case[] = [
  {
    table: 'users',
    stored: { username: 'Álvaro', usernameKey: 'álvaro', usernameSortKey: 'alvaro', email: 'Al@Example.org', emailKey: 'al@example.org', createdAt: T },
    derived: ['usernameKey', 'usernameSortKey', 'emailKey'],
    create: () => createUser({ username: ' Álvaro ', email: ' Al@Example.org ' }),
    async update() {
      const id = await createUser({ username: 'Someone', email: '' });
      await updateUser(id, { username: 'Álvaro', email: 'Al@Example.org' });
      return id;
    },
  },
  {
    table: 'categories',
    stored: { name: 'Économie', nameKey: 'économie', nameSortKey: 'economie', createdAt: T },
    derived: ['nameKey', 'nameSortKey'],
    create: () => createCategory({ name: 'Économie ' }),
    async update() {
      const id = await createCategory({ name: 'Other' });
      await updateCategory(id, { name: 'Économie' });
      return id;
    },
    quick: [
      {
        name: 'the post form’s “New category”',
        write: () => createCategoryNamed('Économie'),
        stored: { name: 'Économie', nameKey: 'économie', nameSortKey: 'economie', createdAt: T },
      },
    ],
  },
  {
    table: 'todos',
    stored: {
      title: 'Écrire à Zoë',
      titleKey: 'ecrire a zoe',
      done: 1,
      notes: 'Vite',
      dueDate: '2026-03-01',
      dueKey: '2026-03-01',
      createdAt: T,
      updatedAt: T,
      completedAt: T,
    },
    derived: ['titleKey', 'dueKey'],
    create: () => createTodo({ title: 'Écrire à Zoë', notes: ' Vite ', dueDate: '2026-03-01', done: true, userId: '', categoryId: '' }),
    async update() {
      const id = await createTodo({ title: 'Other', notes: 'x', dueDate: '', done: false, userId: '', categoryId: '' });
      await updateTodo(id, { title: 'Écrire à Zoë', notes: 'Vite', dueDate: '2026-03-01', done: true, userId: '', categoryId: '' });
      return id;
    },
    quick: [
      {
        name: 'the to-do list’s add box',
        write: () => addTodo(' Écrire à Zoë '),
        stored: { title: 'Écrire à Zoë', titleKey: 'ecrire a zoe', done: 0, dueKey: NO_DUE_DATE, createdAt: T, updatedAt: T },
      },
    ],
  },
  {
    table: 'posts',
    stored: { title: 'Über alles', titleKey: 'uber alles', body: 'Text', pubDate: PUBLISHED, categoryId: home.id },
    derived: ['titleKey'],
    create: () => createPost({ title: 'Über alles', body: 'Text', pubDate: '2025-03-14T09:30', categoryId: home.id, authorId: '' }),
    async update() {
      const id = await createPost({ title: 'Other', body: 'x', pubDate: '', categoryId: home.id, authorId: '' });
      await updatePost(id, { title: 'Über alles', body: 'Text', pubDate: '2025-03-14T09:30', categoryId: home.id, authorId: '' });
      return id;
    },
  },
  {
    table: 'movies',
    stored: { title: 'Amélie', titleKey: 'amelie', year: 2001, yearKey: 2001, watched: 1, rating: 5, notes: 'Paris', createdAt: T },
    derived: ['titleKey', 'yearKey'],
    create: () => createMovie({ title: 'Amélie', year: '2001', watched: true, rating: '5', notes: 'Paris' }),
    async update() {
      const id = await createMovie({ title: 'Other', year: '', watched: false, rating: '', notes: '' });
      await updateMovie(id, { title: 'Amélie', year: ' 2001 ', watched: true, rating: '5', notes: 'Paris' });
      return id;
    },
  },
];

/** What every path starts from: an empty Tend but for the category posts need. */
async function start(): Promise<void> {
  await clearEverything();
  await db.categories.add(home);
}

/**
 * The case's table's rows other than the starting category, without ids (a merge gives new
 * ones). A snapshot from before UUIDs gives Home a new id too: a link to it reads as home.id.
 */
async function written(table: BackupTableName): Promise<StoredRow[]> {
  const homeNow = (await db.categories.where('nameKey').equals('home').first())?.id;
  const rows = (await db.table(table).toArray()) as StoredRow[];
  return rows
    .filter((row) => !(table === 'categories' && row.id === homeNow))
    .map(({ id: _id, ...row }) => (row.categoryId !== undefined && row.categoryId === homeNow ? { ...row, categoryId: home.id } : row));
}

/** The row as a file (or an older database) might hold it: derived keys wrong. */
function withWrongKeys(row: StoredRow, derived: string[], id: string | number): StoredRow {
  const wrong: StoredRow = { id, ...row };
  for (const field of derived) wrong[field] = typeof row[field] === 'number' ? 7 : 'WRONG';
  return wrong;
}

function fileWith(table: BackupTableName, row: StoredRow) {
  const tables = { categories: [home], [table]: table === 'categories' ? [home, row] : [row] };
  return textOf(backupOf(tables));
}

async function imported(text: string, mode: ImportMode) {
  await importBackup(readBackup(text, text.length), mode);
}

describe('one stored row, whichever path writes it', () => {
  for (const each of cases) {
    it(`${each.table}: form, edit, import, merge and snapshot restore store the same row`, async () => {
      const paths: [string, () => Promise<unknown>][] = [
        ['the form', each.create],
        ['editing', each.update],
        ['import (replace)', () => imported(fileWith(each.table, withWrongKeys(each.stored, each.derived, fixedId(5))), 'replace')],
        ['import (merge)', () => imported(fileWith(each.table, withWrongKeys(each.stored, each.derived, fixedId(5))), 'merge')],
        [
          'snapshot restore',
          async () => {
            // As version 3 stored it: numbered ids and links, keys folded the old way, no sort keys at all.
            const old = withWrongKeys(each.stored, each.derived, 5);
            if (old.categoryId !== undefined) old.categoryId = 1;
            const oldHome: StoredRow = { ...home, id: 1 };
            for (const row of [old, oldHome]) for (const field of ['usernameSortKey', 'nameSortKey']) delete row[field];
            const empty = Object.fromEntries(Object.keys((await exportEverything()).tables).map((name) => [name, [] as StoredRow[]]));
            const tables: Record<string, StoredRow[]> = { ...empty, categories: [oldHome], [each.table]: each.table === 'categories' ? [oldHome, old] : [old] };
            const id = await snapshotsOf(db.name).snapshots.add({ takenAt: T, fromVersion: 3, toVersion: 4, counts: {}, tables });
            await restoreSnapshot(id);
          },
        ],
      ];
      for (const [path, write] of paths) {
        await start();
        await write();
        expect(await written(each.table), path).toStrictEqual([each.stored]);
      }
      for (const quick of each.quick ?? []) {
        await start();
        await quick.write();
        expect(await written(each.table), quick.name).toStrictEqual([quick.stored]);
      }
    });
  }

  it('the row functions build each table’s row from its own fields, whatever else they are given', () => {
    for (const each of cases) {
      const shape = storedRow[each.table] as unknown as (row: StoredRow) => StoredRow;
      expect(shape({ ...withWrongKeys(each.stored, each.derived, fixedId(5)), stray: 'dropped' })).toStrictEqual({ id: fixedId(5), ...each.stored });
      // A row without an id is a new row: it gets a new UUID of its own, first as stored rows read.
      const [first, second] = [shape(each.stored), shape(each.stored)];
      expect(Object.keys(first)[0]).toBe('id');
      expect(isId(first.id) && isId(second.id) && first.id !== second.id, each.table).toBe(true);
      expect({ ...first, id: undefined }).toStrictEqual({ id: undefined, ...each.stored });
    }
  });
});
