import { router } from './router';
import { modelNamed } from './models';
import { parseId } from './crud';

/**
 * The model and row id named by the current URL, for the generic CRUD views.
 * An id that is not a positive integer is `undefined`, which the views show as not found.
 */
export function currentModel() {
  return modelNamed(router.route.meta.model);
}

export function currentId(): number | undefined {
  return parseId(router.route.params.id);
}

/** Whether the current form edits a row (its route says so) rather than making a new one. */
export function editingRow(): boolean {
  return router.route.meta.form === 'edit';
}
