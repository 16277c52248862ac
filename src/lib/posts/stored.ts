import type { Post } from '../../db/models';
import { rowId, withOptional, type Data, type ComputedFields } from '../row-shape';
import { foldForSort } from '../text';

export const TITLE_MAX = 80;
export const BODY_MAX = 20000;

// The stored row (see src/lib/stored-rows.ts), kept apart from the valibot rules so the
// first screen can write rows without loading them: every path that writes a post builds it here.

export type PostData = Data<Post, 'titleKey'>;

export const postComputed: ComputedFields<Post, 'titleKey', PostData> = {
  titleKey: (data) => foldForSort(data.title),
};

export function storedPost(data: PostData): Post {
  const row: Post = {
    id: rowId(data.id),
    title: data.title,
    titleKey: postComputed.titleKey(data),
    body: data.body,
    pubDate: data.pubDate,
    categoryId: data.categoryId,
  };
  return withOptional(row, { authorId: data.authorId });
}
