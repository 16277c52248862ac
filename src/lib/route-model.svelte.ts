import { route } from '../routes';
import { modelNamed } from './models';
import { parseId } from './crud';

/**
 * The model and row id named by the current URL, for the generic CRUD views.
 * An id that is not a positive integer is `undefined`, which the views show as not found.
 */
export function currentModel() {
  return modelNamed(route.meta.model);
}

export function currentId(): number | undefined {
  const params = route.params as { id?: string };
  return parseId(params.id);
}
