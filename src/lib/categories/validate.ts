import * as v from 'valibot';
import { parseInput, requiredText } from '../validation';
import type { Category } from '../../db/models';
import { withId, type Data, type NewRow } from '../row-shape';
import { foldCase, foldForSort } from '../text';

export const CATEGORY_NAME_MAX = 50;

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

// The stored row (see src/lib/stored-rows.ts): every path that writes a category builds it here.

export type CategoryData = Data<Category, 'nameKey' | 'nameSortKey'>;

export function storedCategory(data: CategoryData & { id: number }): Category;
export function storedCategory(data: CategoryData): NewRow<Category>;
export function storedCategory(data: CategoryData): NewRow<Category> {
  return withId(data.id, { name: data.name, nameKey: foldCase(data.name), nameSortKey: foldForSort(data.name), createdAt: data.createdAt });
}
