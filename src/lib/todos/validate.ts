import * as v from 'valibot';
import { flag, optionalDay, optionalId, optionalText, parseInput, requiredText } from '../validation';
import { TITLE_MAX, NOTES_MAX } from './stored';

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
