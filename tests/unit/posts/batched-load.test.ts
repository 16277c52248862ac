import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import { orderingFor } from '../../../src/lib/paging';
import { postsModel } from '../../../src/lib/posts/model';
import { storedCategory, storedPost, storedUser } from '../../../src/lib/stored-rows';
import { countReads } from '../support';

/** 30 posts across 5 categories; 3 in 4 have one of 3 authors, the rest none. */
async function seed() {
  const categoryIds = await db.categories.bulkAdd(
    ['a', 'b', 'c', 'd', 'e'].map((name) => storedCategory({ name, createdAt: 0 })),
    { allKeys: true },
  );
  const userIds = await db.users.bulkAdd(
    ['ann', 'bob', 'cy'].map((username) => storedUser({ username, createdAt: 0 })),
    { allKeys: true },
  );
  const posts = Array.from({ length: 30 }, (_, i) =>
    storedPost({ title: `p${i}`, body: 'b', pubDate: i, categoryId: categoryIds[i % 5]!, authorId: i % 4 === 3 ? undefined : userIds[i % 4] }),
  );
  await db.posts.bulkAdd(posts);
}

describe('loading a page of posts', () => {
  it('reads the categories and authors of the whole page in one batch each', async () => {
    await seed();
    const counter = await countReads();

    const page = await postsModel.page(orderingFor(postsModel.listing, {}), { at: 'first' }, 20);

    expect(page.rows).toHaveLength(20);
    for (const post of page.rows) {
      expect(post.category?.id).toBe(post.categoryId);
      expect(post.author?.id).toBe(post.authorId);
    }
    const { reads } = counter;
    expect(reads.filter((read) => read === 'categories.getMany')).toHaveLength(1);
    expect(reads.filter((read) => read === 'users.getMany')).toHaveLength(1);
    expect(reads.filter((read) => read.startsWith('categories.') || read.startsWith('users.'))).toHaveLength(2);
    expect(reads.filter((read) => read.endsWith('.get'))).toEqual([]);
    expect(new Set(page.rows.map((post) => post.author?.username))).toEqual(new Set(['ann', 'bob', 'cy', undefined]));
    await counter.stop();
  });
});
