import { router } from './router';
import { modelNamed } from './models';
import { parseId } from './crud';
import { liveWith } from './live.svelte';

/**
 * The model and row id named by the current URL, for the generic CRUD views.
 * An id that is not one Tend writes is `undefined`, which the views show as not found.
 */
export function currentModel() {
  return modelNamed(router.route.meta.model);
}

export function currentId(): string | undefined {
  return parseId(router.route.params.id);
}

/**
 * The row the current URL names, followed live, for the detail and delete screens. Create it
 * while a component initialises; `id` is reactive.
 */
export function currentRow() {
  const model = currentModel();
  const id = $derived(currentId());
  const row = liveWith(
    () => id,
    async (id) => (id === undefined ? undefined : model.get(id)),
  );
  return {
    model,
    row,
    get id() {
      return id;
    },
  };
}

export type CurrentRow = ReturnType<typeof currentRow>;
/** A row as the detail and delete screens show it. */
export type ShownRow = NonNullable<CurrentRow['row']['current']>;

/** Whether the current form edits a row (its route says so) rather than making a new one. */
export function editingRow(): boolean {
  return router.route.meta.form === 'edit';
}
