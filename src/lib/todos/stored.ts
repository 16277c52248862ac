import { NO_DUE_DATE, type Flag, type Todo } from '../../db/models';
import { asFlag, rowId, withOptional, type Data, type ComputedFields } from '../row-shape';
import { foldForSort } from '../text';

export const TITLE_MAX = 200;
export const NOTES_MAX = 2000;

// The stored row (see src/lib/stored-rows.ts), kept apart from the valibot rules so the
// first screen can write rows without loading them: every path that writes a to-do builds it here.

export type TodoData = Omit<Data<Todo, 'titleKey' | 'dueKey'>, 'done'> & { done: Flag | boolean };

export const todoComputed: ComputedFields<Todo, 'titleKey' | 'done' | 'dueKey', TodoData> = {
  titleKey: (data) => foldForSort(data.title),
  done: (data) => asFlag(data.done),
  // Undated to-dos sort after every dated one, and are still in the index.
  dueKey: (data) => data.dueDate ?? NO_DUE_DATE,
};

export function storedTodo(data: TodoData): Todo {
  const row: Todo = {
    id: rowId(data.id),
    title: data.title,
    titleKey: todoComputed.titleKey(data),
    done: todoComputed.done(data),
    dueKey: todoComputed.dueKey(data),
    createdAt: data.createdAt,
    updatedAt: data.updatedAt,
  };
  return withOptional(row, {
    notes: data.notes,
    dueDate: data.dueDate,
    userId: data.userId,
    categoryId: data.categoryId,
    completedAt: data.completedAt,
  });
}
