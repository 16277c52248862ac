// The relationships between Tend's tables: which field of which table points at which table.
// Kept apart from the backup checks so that undo can use them without loading those.
/** A field that points at a row of another table. */
export interface Link {
  table: 'todos' | 'posts';
  field: 'userId' | 'categoryId' | 'authorId';
  target: 'users' | 'categories';
}

export const LINKS: readonly Link[] = [
  { table: 'todos', field: 'userId', target: 'users' },
  { table: 'todos', field: 'categoryId', target: 'categories' },
  { table: 'posts', field: 'categoryId', target: 'categories' },
  { table: 'posts', field: 'authorId', target: 'users' },
];
