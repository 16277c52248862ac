import * as v from 'valibot';
import { parseInput, requiredText } from '../validation';
import { CATEGORY_NAME_MAX } from './stored';

const categorySchema = v.object({
  name: requiredText('Name', CATEGORY_NAME_MAX),
});

/** What the category form edits: the text as typed. */
export interface CategoryInput {
  name: string;
}

export type ValidCategory = v.InferOutput<typeof categorySchema>;

/** Trims and checks a category's name; throws ValidationError naming the bad field. */
export function validateCategory(input: CategoryInput): ValidCategory {
  return parseInput(categorySchema, input);
}
