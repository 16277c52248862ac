import type { Choice, DeleteChoice, DeleteOption, Dependent } from './crud';

export interface DeleteChoiceInputs {
  /** The row being deleted: a choice made for one row is not carried to another. */
  rowId: string | undefined;
  options: readonly DeleteOption[];
  /** The rows pointing at it; undefined while they load. */
  dependents: readonly Dependent[] | undefined;
  /** Where a move can go; undefined while they load. */
  targets: readonly Choice[] | undefined;
}

/**
 * What the delete page will do with a row's dependents. Until the person picks, the choice is
 * the available option that deletes least: the first that is not "delete them too" (a move to
 * the first target, or keeping them without a link). "Delete them too" is only ever chosen by
 * the person. Nothing is chosen while the options are still loading, and once the person has
 * picked, the page never changes their choice, whatever loads or changes afterwards: a choice
 * that no longer fits (its target deleted meanwhile) is refused by the deletion, in words.
 */
export class DeleteChoiceState {
  #inputs: () => DeleteChoiceInputs;
  #picked: { rowId: string | undefined; choice: DeleteChoice } | undefined = $state();

  constructor(inputs: () => DeleteChoiceInputs) {
    this.#inputs = inputs;
  }

  readonly loading = $derived.by(() => {
    const { options, dependents, targets } = this.#inputs();
    return dependents === undefined || (options.some((option) => option.kind === 'move') && targets === undefined);
  });

  readonly targets: readonly Choice[] = $derived.by(() => this.#inputs().targets ?? []);

  /** Only what makes sense: a move needs somewhere to go, and an option may not suit these dependents. */
  readonly available: readonly DeleteOption[] = $derived.by(() => {
    if (this.loading) return [];
    const { options, dependents = [] } = this.#inputs();
    return options.filter((option) => (option.kind !== 'move' || this.targets.length > 0) && (option.when?.(dependents) ?? true));
  });

  readonly #preselected: DeleteChoice | undefined = $derived.by(() => {
    const safest = this.available.find((option) => option.kind !== 'cascade');
    return safest && this.#choiceOf(safest.kind, undefined);
  });

  /** What the deletion will do; undefined until there is something safe to preselect or the person picks. */
  readonly choice: DeleteChoice | undefined = $derived.by(() =>
    this.#picked && this.#picked.rowId === this.#inputs().rowId ? this.#picked.choice : this.#preselected,
  );

  /** Whether Delete may be pressed: everything has loaded, and the dependents have a choice. */
  readonly ready = $derived.by(() => !this.loading && (this.#inputs().dependents?.length === 0 || this.choice !== undefined));

  /** The person picks an option; a move keeps the target already shown. */
  pick(kind: DeleteChoice['kind']): void {
    this.#set(this.#choiceOf(kind, this.choice?.targetId));
  }

  /** The person picks where to move the dependents. */
  pickTarget(targetId: string): void {
    this.#set({ kind: 'move', targetId });
  }

  #set(choice: DeleteChoice) {
    this.#picked = { rowId: this.#inputs().rowId, choice };
  }

  #choiceOf(kind: DeleteChoice['kind'], targetId: string | undefined): DeleteChoice {
    if (kind !== 'move') return { kind };
    const first = this.targets[0];
    return { kind, targetId: targetId ?? first?.value };
  }
}
