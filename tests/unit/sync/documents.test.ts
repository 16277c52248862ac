import { describe, expect, it } from 'vitest';
import { storedRow } from '../../../src/lib/stored-rows';
import { fieldsOf, MODEL_FIELDS, rowOf, type SyncedTable } from '../../../src/lib/sync/documents';
import { schemaVersions } from '../../../src/db/schema';

// Every field a row can hold, optional ones too.
const full: Record<SyncedTable, Record<string, unknown>> = {
  users: { username: 'Ann', email: 'ann@example.com', createdAt: 1 },
  categories: { name: 'Python', createdAt: 1 },
  todos: { title: 'Buy milk', done: 1, notes: 'Oat', dueDate: '2026-12-01', userId: 'u', categoryId: 'c', createdAt: 1, updatedAt: 2, completedAt: 3 },
  posts: { title: 'Hello', body: 'World', pubDate: 1, categoryId: 'c', authorId: 'u' },
  movies: { title: 'Alien', year: 1979, watched: 1, rating: 5, notes: 'Again', createdAt: 1 },
};

describe('rows as sync documents', () => {
  for (const table of Object.keys(MODEL_FIELDS) as SyncedTable[]) {
    it(`${table}: a document holds every field of the row but its id and derived keys, and gives the same row back`, () => {
      const row = storedRow[table](full[table] as never) as unknown as Record<string, unknown>;
      const own = Object.keys(row).filter((field) => field !== 'id' && !field.endsWith('Key'));
      expect(Object.keys(fieldsOf(table, row)).sort()).toEqual(own.sort());
      const doc = { _id: String(row.id), type: table, schema: 7, by: 'ann', fields: fieldsOf(table, row), edits: {} };
      expect(rowOf(doc, schemaVersions)).toEqual(row);
    });
  }
});
