import { describe, expect, it } from 'vitest';
import { db } from '../../../src/db/db';
import type { ListQuery } from '../../../src/lib/crud';
import { orderingFor } from '../../../src/lib/paging';
import { moviesModel } from '../../../src/lib/movies/model';
import { createMovie, deleteMovie, setWatched, updateMovie } from '../../../src/lib/movies/mutations';
import { getMovie } from '../../../src/lib/movies/queries';
import type { MovieInput } from '../../../src/lib/movies/validate';
import { MissingRowError, ValidationError } from '../../../src/lib/errors';
import { fixedId } from '../support';

function input(changes: Partial<MovieInput> = {}): MovieInput {
  return { title: 'Alien', year: '', watched: false, rating: '', notes: '', ...changes };
}

/** A small shelf: mixed case, one with no year, some watched. */
async function seedShelf() {
  await createMovie(input({ title: 'alien', year: '1979', watched: true, rating: '4' }));
  await createMovie(input({ title: 'Brazil', year: '1985' }));
  await createMovie(input({ title: 'Arrival', year: '2016', watched: true }));
  await createMovie(input({ title: 'Amélie' }));
  await createMovie(input({ title: 'Aliens', year: '1986' }));
}

/** Titles of the first page the list would show for this query, read through its index. */
async function listed(query: ListQuery = {}) {
  const page = await moviesModel.page(orderingFor(moviesModel.listing, query), { at: 'first' }, 50);
  return page.rows.map((movie) => movie.title);
}

describe('creating and editing movies', () => {
  it('stores trimmed fields with a folded title key and the year as its key', async () => {
    const id = await createMovie(input({ title: '  The THING ', year: '1982', watched: true, rating: '5', notes: ' Cold ' }));
    const movie = await getMovie(id);
    expect(movie).toEqual({
      id,
      title: 'The THING',
      titleKey: 'the thing',
      year: 1982,
      yearKey: 1982,
      watched: 1,
      rating: 5,
      notes: 'Cold',
      createdAt: movie?.createdAt,
    });
    expect(movie?.createdAt).toBeTypeOf('number');
  });

  it('leaves empty fields out and keys an unknown year as 0', async () => {
    const movie = await getMovie(await createMovie(input()));
    expect(movie).toMatchObject({ yearKey: 0, watched: 0 });
    for (const field of ['year', 'rating', 'notes']) expect(movie).not.toHaveProperty(field);
  });

  it('refuses bad input without writing', async () => {
    await expect(createMovie(input({ title: '', year: '1877' }))).rejects.toBeInstanceOf(ValidationError);
    expect(await db.movies.count()).toBe(0);
  });

  it('replaces the fields on edit, removing emptied ones, and keeps createdAt', async () => {
    const id = await createMovie(input({ year: '1979', rating: '4', notes: 'Scary' }));
    const before = await getMovie(id);
    await updateMovie(id, input({ title: 'Alien (Director’s Cut)' }));
    expect(await getMovie(id)).toEqual({
      id,
      title: 'Alien (Director’s Cut)',
      titleKey: 'alien (director’s cut)',
      yearKey: 0,
      watched: 0,
      createdAt: before?.createdAt,
    });
  });

  it('round-trips a movie through the form input', async () => {
    const typed = input({ title: 'Heat', year: '1995', watched: true, rating: '5', notes: 'Diner scene' });
    const movie = await getMovie(await createMovie(typed));
    expect(moviesModel.toInput(movie!)).toEqual(typed);
  });

  it('says when the movie no longer exists', async () => {
    await expect(updateMovie(fixedId(404), input())).rejects.toBeInstanceOf(MissingRowError);
    expect(await db.movies.count()).toBe(0);
  });

  it('deletes one movie and keeps the rest', async () => {
    const alien = await createMovie(input());
    await createMovie(input({ title: 'Brazil' }));
    await deleteMovie(alien);
    expect(await listed()).toEqual(['Brazil']);
  });
});

describe('marking movies watched', () => {
  it('toggles watched and touches nothing else', async () => {
    const id = await createMovie(input({ year: '1979', rating: '4' }));
    const before = await getMovie(id);
    await setWatched(id, true);
    expect(await getMovie(id)).toEqual({ ...before, watched: 1 });
    await setWatched(id, true); // already watched: not an error
    await setWatched(id, false);
    expect(await getMovie(id)).toEqual(before);
  });

  it('moves the movie between the to-watch and watched lists', async () => {
    const id = await createMovie(input());
    await setWatched(id, true);
    expect(await listed({ filter: 'to-watch' })).toEqual([]);
    expect(await listed({ filter: 'watched' })).toEqual(['Alien']);
  });

  it('says when the movie no longer exists', async () => {
    await expect(setWatched(fixedId(404), true)).rejects.toBeInstanceOf(MissingRowError);
  });
});

describe('listing movies', () => {
  it('orders by title ignoring case by default', async () => {
    await seedShelf();
    expect(await listed()).toEqual(['alien', 'Aliens', 'Amélie', 'Arrival', 'Brazil']);
  });

  it('orders by year newest first, with unknown years last', async () => {
    await seedShelf();
    expect(await listed({ sort: 'year' })).toEqual(['Arrival', 'Aliens', 'Brazil', 'alien', 'Amélie']);
    expect(await listed({ sort: 'year', descending: false })).toEqual(['Amélie', 'alien', 'Brazil', 'Aliens', 'Arrival']);
  });

  it('shows only movies to watch, or only watched ones', async () => {
    await seedShelf();
    expect(await listed({ filter: 'to-watch' })).toEqual(['Aliens', 'Amélie', 'Brazil']);
    expect(await listed({ filter: 'watched' })).toEqual(['alien', 'Arrival']);
    expect(await listed({ filter: 'watched', sort: 'year' })).toEqual(['Arrival', 'alien']);
  });

  it('finds movies whose title starts with the search, ignoring case', async () => {
    await seedShelf();
    expect(await listed({ search: 'ALI' })).toEqual(['alien', 'Aliens']);
    expect(await listed({ search: ' a ' })).toEqual(['alien', 'Aliens', 'Amélie', 'Arrival']);
    expect(await listed({ search: 'lien' })).toEqual([]);
  });

  it('searches within a filter', async () => {
    await seedShelf();
    expect(await listed({ filter: 'to-watch', search: 'a' })).toEqual(['Aliens', 'Amélie']);
    expect(await listed({ filter: 'watched', search: 'a' })).toEqual(['alien', 'Arrival']);
  });

  it('counts the slice a query selects', async () => {
    await seedShelf();
    expect(await moviesModel.count(orderingFor(moviesModel.listing, { filter: 'to-watch' }))).toBe(3);
    expect(await moviesModel.count(orderingFor(moviesModel.listing, { search: 'al' }))).toBe(2);
  });

  it('shows watched as Yes or No and a rating as stars with the number', async () => {
    const movie = (await getMovie(await createMovie(input({ watched: true, rating: '3' }))))!;
    const cell = (label: string) => moviesModel.columns.find((column) => column.label === label)?.value(movie);
    expect(cell('Watched')).toBe('Yes');
    expect(cell('Rating')).toBe('★★★☆☆ 3/5');
  });
});
