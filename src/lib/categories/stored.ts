import type { Category } from '../../db/models';
import { rowId, type Data, type ComputedFields } from '../row-shape';
import { foldCase, foldForSort } from '../text';

export const CATEGORY_NAME_MAX = 50;

// The stored row (see src/lib/stored-rows.ts), kept apart from the valibot rules so the
// first screen can write rows without loading them: every path that writes a category builds it here.

export type CategoryData = Data<Category, 'nameKey' | 'nameSortKey'>;

export const categoryComputed: ComputedFields<Category, 'nameKey' | 'nameSortKey', CategoryData> = {
  nameKey: (data) => foldCase(data.name),
  nameSortKey: (data) => foldForSort(data.name),
};

export function storedCategory(data: CategoryData): Category {
  return {
    id: rowId(data.id),
    name: data.name,
    nameKey: categoryComputed.nameKey(data),
    nameSortKey: categoryComputed.nameSortKey(data),
    createdAt: data.createdAt,
  };
}
