import type { AnyCrudModel } from './crud';
import type { Noun } from './text';
import { categoriesModel } from './categories/model';
import { moviesModel } from './movies/model';
import { postsModel } from './posts/model';
import { todosModel } from './todos/model';
import { usersModel } from './users/model';

/** Every model with CRUD screens, by URL segment. The navigation lists them in this order. */
export const models = {
  todos: todosModel,
  users: usersModel,
  categories: categoriesModel,
  posts: postsModel,
  movies: moviesModel,
} satisfies Record<string, AnyCrudModel>;

export type ModelName = keyof typeof models;

export function modelNamed(name: ModelName | undefined): AnyCrudModel {
  if (!name) throw new Error('This route has no model');
  return models[name];
}

/** A model by its path, when one with that path is registered. */
export function modelAt(path: string): AnyCrudModel | undefined {
  return (models as Record<string, AnyCrudModel>)[path];
}

/** What a table's rows are called, for counts: its model's words ("to-dos" for `todos`). */
export function rowsNoun(table: string): Noun {
  return modelAt(table) ?? { singular: table, plural: table };
}
