import { db } from '../../db/db';

import { toLocalDateTimeInput } from '../moments';
import { MissingRowError, ValidationError, type FieldErrors } from '../errors';
import { storedPost } from './stored';
import { validatePost, type PostInput, type ValidPost } from './validate';

type PostFields = Pick<ValidPost, 'categoryId' | 'authorId'>;

/** The chosen category or author may have been deleted in another tab since the form opened. */
async function missingLinks(fields: PostFields): Promise<FieldErrors> {
  const [category, author] = await Promise.all([
    db.categories.get(fields.categoryId),
    fields.authorId === undefined ? undefined : db.users.get(fields.authorId),
  ]);
  const errors: FieldErrors = {};
  if (!category) errors.categoryId = 'That category no longer exists';
  if (fields.authorId !== undefined && !author) errors.authorId = 'That user no longer exists';
  return errors;
}

/**
 * Runs a post write in one transaction with the check that its category and author exist,
 * so a category deleted in another tab cannot slip in between the check and the write.
 */
function writePost<T>(fields: PostFields, write: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [db.posts, db.categories, db.users], async () => {
    const errors = await missingLinks(fields);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return write();
  });
}

/** Adds a post; returns the new id. Throws ValidationError and writes nothing on bad input. */
export async function createPost(input: PostInput): Promise<string> {
  const fields = validatePost(input);
  return writePost(fields, () => db.posts.add(storedPost(fields)));
}

/** Replaces a post's fields (a cleared author is removed). */
export async function updatePost(id: string, input: PostInput): Promise<void> {
  const fields = validatePost(input);
  await writePost(fields, async () => {
    const existing = await db.posts.get(id);
    if (!existing) throw new MissingRowError('post');
    // The form shows whole minutes: an untouched date keeps its seconds, so editing a title
    // does not reorder posts published within the same minute.
    const unchanged = input.pubDate.trim() === toLocalDateTimeInput(existing.pubDate);
    await db.posts.put(storedPost({ ...fields, id, pubDate: unchanged ? existing.pubDate : fields.pubDate }));
  });
}

/** Nothing points at a post, so it simply goes. */
export async function deletePost(id: string): Promise<void> {
  await db.posts.delete(id);
}
