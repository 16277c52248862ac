import * as v from 'valibot';
import { flag, optionalDay, optionalId, optionalText, parseInput, requiredText } from '../validation';
import { NO_DUE_DATE, type Flag, type Todo } from '../../db/models';
import { asFlag, withId, withOptional, type Data, type NewRow } from '../row-shape';
import { foldForSort } from '../text';

export const TITLE_MAX = 200;
export const NOTES_MAX = 2000;

const title = requiredText('Title', TITLE_MAX);

const todoSchema = v.object({
  title,
  notes: optionalText('Notes', NOTES_MAX),
  dueDate: optionalDay('Due date'),
  done: flag(),
  userId: optionalId(),
  categoryId: optionalId(),
});

/** What the to-do form edits: text as typed, ids as the <select> gives them, done as checked. */
export interface TodoInput {
  title: string;
  notes: string;
  dueDate: string;
  done: boolean;
  userId: string;
  categoryId: string;
}

export type ValidTodo = v.InferOutput<typeof todoSchema>;

/** Trims and checks a to-do's fields; throws ValidationError naming each bad field. */
export function validateTodo(input: TodoInput): ValidTodo {
  return parseInput(todoSchema, input);
}

/** Checks a title alone (the add box and editing in place), with the form's messages. */
export function validateTitle(text: string): string {
  return parseInput(v.object({ title }), { title: text }).title;
}

// The stored row (see src/lib/stored-rows.ts): every path that writes a to-do builds it here.

export type TodoData = Omit<Data<Todo, 'titleKey' | 'dueKey'>, 'done'> & { done: Flag | boolean };

export function storedTodo(data: TodoData & { id: number }): Todo;
export function storedTodo(data: TodoData): NewRow<Todo>;
export function storedTodo(data: TodoData): NewRow<Todo> {
  const row: NewRow<Todo> = {
    title: data.title,
    titleKey: foldForSort(data.title),
    done: asFlag(data.done),
    // Undated to-dos sort after every dated one, and are still in the index.
    dueKey: data.dueDate ?? NO_DUE_DATE,
    createdAt: data.createdAt,
    updatedAt: data.updatedAt,
  };
  withOptional(row, {
    notes: data.notes,
    dueDate: data.dueDate,
    userId: data.userId,
    categoryId: data.categoryId,
    completedAt: data.completedAt,
  });
  return withId(data.id, row);
}
