import { describeError } from './text';
import { toasts } from './toasts.svelte';

/**
 * Deletes through `work`, then offers "Deleted … — Undo". Undo brings back what that deletion
 * did and nothing else, without overwriting a change made since, and says what it could not.
 * The to-do list deletes from the first screen, which has no room for undo's code, so it loads
 * with the first delete and the code that puts rows back with the first Undo (both precached,
 * so offline too).
 */
export async function deleteWithUndo(what: string, work: () => Promise<unknown>): Promise<void> {
  const { recordDeletion } = await import('./undo');
  const record = await recordDeletion(work);
  toasts.show(`Deleted ${what}`, {
    label: 'Undo',
    async run() {
      try {
        const { undoDeletion, undoneMessage } = await import('./undo-restore');
        toasts.show(undoneMessage(what, await undoDeletion(record)));
      } catch (error) {
        toasts.show(`Could not undo: ${describeError(error)}`);
      }
    },
  });
}
