import { LINKS } from './backup/checks';
import { modelAt } from './models';
import { capitalise, counted, describeError } from './text';
import { toasts } from './toasts.svelte';
import { recordDeletion, undoDeletion, type UndoOutcome, type UndoProblem } from './undo';

/**
 * Deletes through `work`, then offers "Deleted … — Undo". Undo brings back what that deletion
 * did and nothing else, without overwriting a change made since, and says what it could not.
 */
export async function deleteWithUndo(what: string, work: () => Promise<unknown>): Promise<void> {
  const record = await recordDeletion(work);
  toasts.show(`Deleted ${what}`, {
    label: 'Undo',
    async run() {
      try {
        toasts.show(undoneMessage(what, await undoDeletion(record)));
      } catch (error) {
        toasts.show(`Could not undo: ${describeError(error)}`);
      }
    },
  });
}

/**
 * "Restored category “Python”", or, when part of it could not come back, what and why:
 * "Partly restored category “Python”. Post “Snakes” keeps the category it was given since."
 */
export function undoneMessage(what: string, { restored, problems }: UndoOutcome): string {
  if (problems.length === 0) return `Restored ${what}`;
  const lead = restored > 0 ? `Partly restored ${what}.` : `Could not restore ${what}.`;
  // Rows with the same trouble are told once: "2 posts were deleted since."
  const groups = new Map<string, UndoProblem[]>();
  for (const problem of problems) {
    const key = [problem.table, problem.kind, groupDetail(problem)].join(' ');
    groups.set(key, [...(groups.get(key) ?? []), problem]);
  }
  return [lead, ...[...groups.values()].map(sentence)].join(' ');
}

function groupDetail(problem: UndoProblem): string {
  switch (problem.kind) {
    case 'unique-taken':
      // Each names its own value: "the username “ann” is taken now".
      return `${problem.field} ${String(problem.row.id)}`;
    case 'link-gone':
      return `${problem.field} ${problem.change ? 'change' : 'row'}`;
    case 'changed-since':
      return problem.field;
    case 'deleted-since':
      return problem.fields.join(' ');
    case 'id-taken':
      return '';
  }
}

/** One sentence for problems of one kind, on rows of one table. */
function sentence(group: UndoProblem[]): string {
  const first = group[0]!;
  const model = modelAt(first.table);
  const singular = model?.singular ?? 'row';
  const plural = model?.plural ?? 'rows';
  const one = group.length === 1;
  const subject = capitalise(one && model ? `${singular} “${model.titleOf(first.row)}”` : counted(group.length, { singular, plural }));
  const its = one ? 'its' : 'their';
  const word = (field: string) => model?.fields.find((candidate) => candidate.name === field)?.label.toLowerCase() ?? field;
  switch (first.kind) {
    case 'id-taken':
      return `${subject} could not be restored: ${one ? `another ${singular} has its id` : `other ${plural} have their ids`} now.`;
    case 'unique-taken': {
      const field = first.field.replace(/Key$/, '');
      return `${subject} could not be restored: the ${word(field)} “${String(first.row[field])}” is taken now.`;
    }
    case 'link-gone': {
      if (!first.change) return `${subject} could not be restored: ${its} ${word(first.field)} is gone.`;
      const target = LINKS.find((link) => link.table === first.table && link.field === first.field)?.target ?? '';
      return `${subject} could not get ${its} ${word(first.field)} back: that ${modelAt(target)?.singular ?? 'row'} is gone.`;
    }
    case 'changed-since':
      return `${subject} ${one ? 'keeps' : 'keep'} the ${word(first.field)} ${one ? 'it was' : 'they were'} given since.`;
    case 'deleted-since':
      return `${subject} ${one ? 'was' : 'were'} deleted since.`;
  }
}
