import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { categoriesModel } from '../../src/lib/categories/model';
import type { Choice, Dependent } from '../../src/lib/crud';
import { DeleteChoiceState, type DeleteChoiceInputs } from '../../src/lib/delete-choice.svelte';
import { usersModel } from '../../src/lib/users/model';
import { fixedId } from './support';

const posts: Dependent = { model: 'posts', label: '2 posts', count: 2 };
const todos: Dependent = { model: 'todos', label: '2 to-dos', count: 2 };
const misc: Choice = { value: fixedId(2), label: 'Misc' };
const garden: Choice = { value: fixedId(3), label: 'Garden' };

let cleanup = () => {};
afterEach(() => cleanup());

/** The delete page's choice for a category, with its inputs as state the test changes. */
function categoryPage(start: Partial<DeleteChoiceInputs> = {}) {
  const inputs: DeleteChoiceInputs = $state({
    rowId: fixedId(1),
    options: categoriesModel.deletion!.options,
    dependents: undefined,
    targets: undefined,
    ...start,
  });
  let choosing!: DeleteChoiceState;
  cleanup = $effect.root(() => {
    choosing = new DeleteChoiceState(() => inputs);
  });
  return { inputs, choosing };
}

describe('the delete page’s choice', () => {
  it('preselects moving the posts once the targets have loaded, and nothing before', () => {
    const { inputs, choosing } = categoryPage();
    expect(choosing.loading).toBe(true);
    expect(choosing.choice).toBeUndefined();
    expect(choosing.ready).toBe(false);

    inputs.dependents = [posts, todos];
    flushSync();
    // The posts are known, the places to move them to are not yet: still nothing to confirm.
    expect(choosing.choice).toBeUndefined();
    expect(choosing.ready).toBe(false);

    inputs.targets = [misc, garden];
    flushSync();
    expect(choosing.available.map((option) => option.kind)).toEqual(['move', 'cascade']);
    expect(choosing.choice).toEqual({ kind: 'move', targetId: misc.value });
    expect(choosing.ready).toBe(true);
  });

  it('preselects the move whichever list loads first', () => {
    const { inputs, choosing } = categoryPage();
    inputs.targets = [misc];
    flushSync();
    expect(choosing.choice).toBeUndefined();
    inputs.dependents = [posts];
    flushSync();
    expect(choosing.choice).toEqual({ kind: 'move', targetId: misc.value });
  });

  it('never preselects deleting them too: with nowhere to move posts, the person must choose', () => {
    const { choosing } = categoryPage({ dependents: [posts, todos], targets: [] });
    expect(choosing.available.map((option) => option.kind)).toEqual(['cascade']);
    expect(choosing.choice).toBeUndefined();
    expect(choosing.ready).toBe(false);
    choosing.pick('cascade');
    expect(choosing.choice).toEqual({ kind: 'cascade' });
    expect(choosing.ready).toBe(true);
  });

  it('preselects keeping to-dos without a category when there is nowhere to move them', () => {
    const { choosing } = categoryPage({ dependents: [todos], targets: [] });
    expect(choosing.choice).toEqual({ kind: 'unlink' });
  });

  it('preselects keeping a user’s to-dos and posts', () => {
    const { choosing } = categoryPage({ options: usersModel.deletion!.options, dependents: [todos], targets: undefined });
    expect(choosing.loading).toBe(false);
    expect(choosing.choice).toEqual({ kind: 'unlink' });
  });

  it('lets a row with nothing pointing at it be deleted once that is known', () => {
    const { inputs, choosing } = categoryPage({ targets: [] });
    expect(choosing.ready).toBe(false);
    inputs.dependents = [];
    flushSync();
    expect(choosing.ready).toBe(true);
  });

  it('never changes what the person picked, whatever loads or changes afterwards', () => {
    const { inputs, choosing } = categoryPage({ dependents: [todos], targets: [misc, garden] });
    choosing.pickTarget(garden.value);
    inputs.targets = [misc];
    inputs.dependents = [posts, todos];
    flushSync();
    expect(choosing.choice).toEqual({ kind: 'move', targetId: garden.value });

    choosing.pick('cascade');
    inputs.targets = [garden, misc];
    flushSync();
    expect(choosing.choice).toEqual({ kind: 'cascade' });
  });

  it('keeps the target shown when the person picks moving', () => {
    const { choosing } = categoryPage({ dependents: [todos], targets: [misc, garden] });
    choosing.pickTarget(garden.value);
    choosing.pick('move');
    expect(choosing.choice).toEqual({ kind: 'move', targetId: garden.value });
  });

  it('does not carry a pick over to another row', () => {
    const { inputs, choosing } = categoryPage({ dependents: [posts], targets: [misc] });
    choosing.pick('cascade');
    inputs.rowId = fixedId(4);
    flushSync();
    expect(choosing.choice).toEqual({ kind: 'move', targetId: misc.value });
  });
});
