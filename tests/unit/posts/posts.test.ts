import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { createCategory, deleteCategory } from '../../../src/lib/categories/mutations';
import { orderingFor } from '../../../src/lib/paging';
import { postsModel } from '../../../src/lib/posts/model';
import { createPost, deletePost, updatePost } from '../../../src/lib/posts/mutations';
import { getPost, userChoices } from '../../../src/lib/posts/queries';
import type { PostInput } from '../../../src/lib/posts/validate';
import { createUser } from '../../../src/lib/users/mutations';
import { toLocalDateTimeInput } from '../../../src/lib/moments';
import { MissingRowError } from '../../../src/lib/errors';
import { storedPost } from '../../../src/lib/stored-rows';
import { fixedId, refusal } from '../support';

function post(categoryId: string, change: Partial<PostInput> = {}): PostInput {
  return { title: 'Hello', body: 'Words', pubDate: '2024-05-01T09:30', categoryId, authorId: '', ...change };
}


describe('writing posts', () => {
  it('stores the post with its folded title and reads it back with its category and author', async () => {
    const garden = await createCategory({ name: 'Garden' });
    const ann = await createUser({ username: 'Ann', email: '' });
    const id = await createPost(post(garden, { title: ' Snails ', authorId: ann }));
    expect(await getPost(id)).toMatchObject({
      id,
      title: 'Snails',
      titleKey: 'snails',
      pubDate: new Date('2024-05-01T09:30').getTime(),
      categoryId: garden,
      authorId: ann,
      category: { id: garden, name: 'Garden' },
      author: { id: ann, username: 'Ann' },
    });
  });

  it('leaves the author out when there is none', async () => {
    const id = await createPost(post(await createCategory({ name: 'Garden' })));
    expect(await db.posts.get(id)).not.toHaveProperty('authorId');
    expect((await getPost(id))?.author).toBeUndefined();
  });

  it('refuses a category or author that does not exist, and writes nothing', async () => {
    expect(await refusal(createPost(post(fixedId(404))))).toEqual({ categoryId: 'That category no longer exists' });
    const garden = await createCategory({ name: 'Garden' });
    expect(await refusal(createPost(post(garden, { authorId: fixedId(404) })))).toEqual({ authorId: 'That user no longer exists' });
    expect(await db.posts.count()).toBe(0);
  });

  it('refuses a category deleted since the form was opened', async () => {
    const garden = await createCategory({ name: 'Garden' });
    const form = post(garden);
    await deleteCategory(garden);
    expect(await refusal(createPost(form))).toEqual({ categoryId: 'That category no longer exists' });
  });

  it('edits a post, clearing its author, and keeps the seconds of an untouched date', async () => {
    const garden = await createCategory({ name: 'Garden' });
    const ann = await createUser({ username: 'Ann', email: '' });
    const published = new Date('2024-05-01T09:30:42').getTime();
    const id = await db.posts.add(storedPost({ title: 'Old', body: 'b', pubDate: published, categoryId: garden, authorId: ann }));
    await updatePost(id, post(garden, { title: 'New', pubDate: toLocalDateTimeInput(published) }));
    expect(await db.posts.get(id)).toEqual({ id, title: 'New', titleKey: 'new', body: 'Words', pubDate: published, categoryId: garden });
    await updatePost(id, post(garden, { pubDate: '2025-01-01T08:00' }));
    expect((await db.posts.get(id))?.pubDate).toBe(new Date('2025-01-01T08:00').getTime());
  });

  it('says when the post no longer exists', async () => {
    const garden = await createCategory({ name: 'Garden' });
    await expect(updatePost(fixedId(404), post(garden))).rejects.toBeInstanceOf(MissingRowError);
    expect(await db.posts.count()).toBe(0);
  });

  it('deletes a post', async () => {
    const id = await createPost(post(await createCategory({ name: 'Garden' })));
    await deletePost(id);
    expect(await getPost(id)).toBeUndefined();
  });
});

describe('the post form', () => {
  it('starts with the date set to now, so the default is visible', () => {
    const before = toLocalDateTimeInput(Date.now());
    const { pubDate } = postsModel.emptyInput();
    expect([before, toLocalDateTimeInput(Date.now())]).toContain(pubDate);
  });

  it('fills an edit form with the post as typed text', async () => {
    const garden = await createCategory({ name: 'Garden' });
    const id = await createPost(post(garden));
    expect(postsModel.toInput((await getPost(id))!)).toEqual(post(garden));
  });

  it('offers users as authors, alphabetical ignoring case', async () => {
    const bob = await createUser({ username: 'bob', email: '' });
    const ann = await createUser({ username: 'Ann', email: '' });
    expect(await userChoices()).toEqual([
      { value: ann, label: 'Ann' },
      { value: bob, label: 'bob' },
    ]);
  });
});

describe('a category’s posts', () => {
  async function seed() {
    const garden = await createCategory({ name: 'Garden' });
    const bills = await createCategory({ name: 'Bills' });
    const titles = ['Snails', 'Roses', 'snowdrops', 'Sowing', 'Snapdragons'];
    for (const [day, title] of titles.entries()) {
      await createPost(post(garden, { title, pubDate: `2024-05-0${day + 1}T09:00` }));
    }
    await createPost(post(bills, { title: 'Snow clearing invoice', pubDate: '2024-06-01T09:00' }));
    return garden;
  }

  it('lists them newest first, and only them', async () => {
    const garden = await seed();
    const ordering = orderingFor(postsModel.listing, {}, { field: 'categoryId', value: garden });
    const page = await postsModel.page(ordering, { at: 'first' }, 50);
    expect(page.rows.map((row) => row.title)).toEqual(['Snapdragons', 'Sowing', 'snowdrops', 'Roses', 'Snails']);
    expect(await postsModel.count(ordering)).toBe(5);
  });

  it('searches them by the start of the title, ignoring case', async () => {
    const garden = await seed();
    const ordering = orderingFor(postsModel.listing, { search: 'sn' }, { field: 'categoryId', value: garden });
    const page = await postsModel.page(ordering, { at: 'first' }, 50);
    expect(page.rows.map((row) => row.title)).toEqual(['Snails', 'Snapdragons', 'snowdrops']);
  });
});
