import { untrack } from 'svelte';
import { withData } from './data';

/**
 * The one bridge from Dexie's liveQuery to Svelte runes. The query re-runs whenever the
 * tables it read change, in this tab or another one (Dexie broadcasts across tabs), and
 * whenever the reactive inputs returned by `inputs` (an id from the URL, say) change.
 * Inputs are explicit because liveQuery may run the query outside Svelte's tracking.
 * Create it while a component initialises: it lives as long as the component.
 */
export class Live<T, Inputs = void> {
  // Raw, not deeply reactive: results are replaced whole on every change, never edited, and
  // values read back out of them (a page's boundary key) must stay plain for IndexedDB.
  current = $state.raw<T | undefined>(undefined);
  loading = $state(true);
  error = $state<unknown>(undefined);

  constructor(inputs: () => Inputs, query: (inputs: Inputs) => Promise<T>, options: LiveOptions<T, Inputs> = {}) {
    $effect(() => {
      const read = inputs();
      return untrack(() => {
        this.loading = true;
        return watchQuery(() => query(read), { first: options.first && (() => options.first!(read)) }, {
          next: (value) => {
            this.current = value;
            this.error = undefined;
            this.loading = false;
          },
          error: (error) => {
            this.error = error;
            this.loading = false;
          },
        });
      });
    });
  }
}

/**
 * Follows `query` with Dexie's liveQuery, and with `first` also takes a first answer from
 * elsewhere straight away: taken only while liveQuery has given none. Returns the unsubscribe.
 */
export function watchQuery<T>(
  query: () => Promise<T>,
  { first }: { first?: () => Promise<T | undefined> },
  to: { next(value: T): void; error(error: unknown): void },
): () => void {
  let answered = false;
  let stopped = false;
  first?.().then(
    (value) => {
      if (value !== undefined && !answered && !stopped) to.next(value);
    },
    // liveQuery makes the same read and reports its failure.
    () => {},
  );
  let subscription: { unsubscribe(): void } | undefined;
  // Dexie's liveQuery comes with the data layer, once the database is open (data.ts).
  void withData(async ({ liveQuery }) => {
    if (stopped) return;
    subscription = liveQuery(query).subscribe({
      next: (value) => {
        answered = true;
        to.next(value);
      },
      error: (error: unknown) => {
        answered = true;
        to.error(error);
      },
    });
  });
  return () => {
    stopped = true;
    subscription?.unsubscribe();
  };
}

export interface LiveOptions<T, Inputs> {
  /**
   * A first answer, straight away. Dexie's liveQuery makes its first read from a timer, and
   * at start the browser paints the empty screen before that timer runs, so the rows wait a
   * frame or more. A list gives the page read at start (todos/early-page.ts) or reads its page
   * once itself, and the to-do list's footer the counts read with that page; never a count that
   * walks a whole index. Undefined answers nothing.
   */
  first?: (inputs: Inputs) => Promise<T | undefined>;
}

/** A live query with no reactive inputs: `live(() => listUsers())`. */
export function live<T>(query: () => Promise<T>): Live<T> {
  return new Live(() => undefined, query);
}

/** A live query that re-runs when its inputs change: `liveWith(() => id, (id) => getUser(id))`. */
export function liveWith<T, Inputs>(inputs: () => Inputs, query: (inputs: Inputs) => Promise<T>, options?: LiveOptions<T, Inputs>): Live<T, Inputs> {
  return new Live(inputs, query, options);
}
