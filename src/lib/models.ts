import type { AnyCrudModel } from './crud';
import { usersModel } from './users/model';

/** Every model with CRUD screens, by URL segment. The navigation lists them in this order. */
export const models = {
  users: usersModel,
} satisfies Record<string, AnyCrudModel>;

export type ModelName = keyof typeof models;

export function modelNamed(name: ModelName | undefined): AnyCrudModel {
  if (!name) throw new Error('This route has no model');
  return models[name];
}
