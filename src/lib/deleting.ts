import { putBack, recordingBefore } from './undo';
import { toasts } from './toasts.svelte';
import { describeError } from './text';

/**
 * Deletes through `work`, then offers "Deleted … — Undo". Undo brings back the row and every
 * row the deletion removed or changed with it, with their ids, in one transaction.
 */
export async function deleteWithUndo(what: string, work: () => Promise<unknown>): Promise<void> {
  const before = await recordingBefore(work);
  toasts.show(`Deleted ${what}`, {
    label: 'Undo',
    async run() {
      try {
        await putBack(before);
        toasts.show(`Restored ${what}`);
      } catch (error) {
        toasts.show(`Could not undo: ${describeError(error)}`);
      }
    },
  });
}
