import type { Column, CrudModel } from '../crud';
import { formatDateTime } from '../dates';
import { categoryChoices } from '../categories/queries';
import { createCategoryNamed } from '../categories/mutations';
import { formatNumber } from '../text';
import { toLocalDateTimeInput } from '../moments';
import { createPost, deletePost, updatePost } from './mutations';
import { getPost, postPages, userChoices, type PostRow } from './queries';
import { BODY_MAX, TITLE_MAX } from './stored';
import type { PostInput } from './validate';

// Shared by the list's columns and the detail page's facts.
const category: Column<PostRow> = {
  label: 'Category',
  value: (post) => post.category?.name,
  link: (post) => post.category && `/categories/${post.category.id}`,
};
const author: Column<PostRow> = {
  label: 'Author',
  value: (post) => post.author?.username,
  link: (post) => post.author && `/users/${post.author.id}`,
};
const published: Column<PostRow> = { label: 'Published', value: (post) => formatDateTime(post.pubDate) };

export const postsModel: CrudModel<PostRow, PostInput> = {
  path: 'posts',
  singular: 'post',
  plural: 'posts',
  emptyText: 'No posts yet — write the first one.',
  fields: [
    { name: 'title', label: 'Title', type: 'text', required: true, hint: `Up to ${TITLE_MAX} characters.` },
    { name: 'body', label: 'Body', type: 'textarea', required: true, hint: `Up to ${formatNumber(BODY_MAX)} characters.` },
    { name: 'pubDate', label: 'Publication date', type: 'datetime', hint: 'Left empty, it is now.' },
    {
      name: 'categoryId',
      label: 'Category',
      type: 'choice',
      required: true,
      choices: categoryChoices,
      quickAdd: { label: 'New category', create: createCategoryNamed },
    },
    { name: 'authorId', label: 'Author', type: 'choice', noneLabel: 'No author', choices: userChoices },
  ],
  columns: [
    { label: 'Title', value: (post) => post.title, sort: 'title' },
    category,
    author,
    { ...published, sort: 'newest' },
  ],
  details: [category, author, published, { label: 'Body', value: (post) => post.body }],
  listing: {
    sorts: [
      { name: 'newest', label: 'Newest', fields: ['pubDate'], descending: true },
      { name: 'title', label: 'Title', fields: ['titleKey'] },
    ],
    search: { field: 'titleKey', label: 'Search titles' },
  },
  titleOf: (post) => post.title,
  // The date starts filled with now, so the person sees the default they would get.
  emptyInput: () => ({ title: '', body: '', pubDate: toLocalDateTimeInput(Date.now()), categoryId: '', authorId: '' }),
  toInput: (post) => ({
    title: post.title,
    body: post.body,
    pubDate: toLocalDateTimeInput(post.pubDate),
    categoryId: String(post.categoryId),
    authorId: post.authorId === undefined ? '' : String(post.authorId),
  }),
  ...postPages,
  get: getPost,
  create: createPost,
  update: updatePost,
  remove: deletePost,
};
