import type { Movie } from '../../db/models';
import type { Choice, CrudModel } from '../crud';
import { formatDate } from '../dates';
import { createMovie, deleteMovie, setWatched, updateMovie } from './mutations';
import { getMovie, moviePages } from './queries';
import { NOTES_MAX, RATING_MAX, TITLE_MAX, YEAR_MAX, YEAR_MIN } from './stored';
import type { MovieInput } from './validate';

const RATING_WORDS = ['poor', 'fair', 'good', 'very good', 'great'];

/** Words beside the number, so the choice reads well aloud and not only as stars. */
const ratingChoices: Choice[] = RATING_WORDS.map((word, i) => ({ value: String(i + 1), label: `${i + 1} — ${word}` }));

/** "★★★☆☆ 3/5": stars to scan, the number for screen readers and copy-paste. */
export function formatRating(rating: number | undefined): string | undefined {
  if (rating === undefined) return undefined;
  return `${'★'.repeat(rating)}${'☆'.repeat(RATING_MAX - rating)} ${rating}/${RATING_MAX}`;
}

const yesNo = (movie: Movie) => (movie.watched ? 'Yes' : 'No');

export const moviesModel: CrudModel<Movie, MovieInput> = {
  path: 'movies',
  singular: 'movie',
  plural: 'movies',
  emptyText: 'No movies yet — add the first one.',
  fields: [
    { name: 'title', label: 'Title', type: 'text', required: true, hint: `Up to ${TITLE_MAX} characters.` },
    { name: 'year', label: 'Year', type: 'number', hint: `Optional, ${YEAR_MIN}–${YEAR_MAX}` },
    { name: 'watched', label: 'Watched', type: 'checkbox' },
    { name: 'rating', label: 'Rating', type: 'choice', choices: async () => ratingChoices, noneLabel: 'Not rated' },
    { name: 'notes', label: 'Notes', type: 'textarea', hint: `Optional, up to ${NOTES_MAX} characters.` },
  ],
  columns: [
    { label: 'Title', value: (movie) => movie.title, sort: 'title' },
    { label: 'Year', value: (movie) => movie.year?.toString(), sort: 'year' },
    {
      label: 'Watched',
      value: yesNo,
      toggle: { checked: (movie) => movie.watched === 1, set: (movie, watched) => setWatched(movie.id, watched) },
    },
    { label: 'Rating', value: (movie) => formatRating(movie.rating) },
  ],
  details: [
    { label: 'Year', value: (movie) => movie.year?.toString() },
    { label: 'Watched', value: yesNo },
    { label: 'Rating', value: (movie) => formatRating(movie.rating) },
    { label: 'Notes', value: (movie) => movie.notes },
    { label: 'Added', value: (movie) => formatDate(movie.createdAt) },
  ],
  listing: {
    sorts: [
      { name: 'title', label: 'Title', fields: ['titleKey'] },
      // Newest first; an unknown year is kept as 0, so those movies come last.
      { name: 'year', label: 'Year', fields: ['yearKey'], descending: true },
    ],
    search: { field: 'titleKey', label: 'Search movies' },
    filters: [
      { name: 'to-watch', label: 'To watch', field: 'watched', value: 0 },
      { name: 'watched', label: 'Watched', field: 'watched', value: 1 },
    ],
  },
  titleOf: (movie) => movie.title,
  emptyInput: () => ({ title: '', year: '', watched: false, rating: '', notes: '' }),
  toInput: (movie) => ({
    title: movie.title,
    year: movie.year?.toString() ?? '',
    watched: movie.watched === 1,
    rating: movie.rating?.toString() ?? '',
    notes: movie.notes ?? '',
  }),
  ...moviePages,
  get: getMovie,
  create: createMovie,
  update: updateMovie,
  remove: deleteMovie,
};
