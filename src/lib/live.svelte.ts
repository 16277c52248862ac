import { untrack } from 'svelte';
import { liveQuery } from 'dexie';

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

  constructor(inputs: () => Inputs, query: (inputs: Inputs) => Promise<T>, options: LiveOptions = {}) {
    $effect(() => {
      const read = inputs();
      return untrack(() => {
        this.loading = true;
        return watchQuery(() => query(read), options, {
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
 * Follows `query` with Dexie's liveQuery, and with `readAtOnce` also reads it once straight
 * away: that answer is taken only while liveQuery has given none. Returns the unsubscribe.
 */
export function watchQuery<T>(
  query: () => Promise<T>,
  { readAtOnce = false }: LiveOptions,
  to: { next(value: T): void; error(error: unknown): void },
): () => void {
  let answered = false;
  let stopped = false;
  if (readAtOnce) {
    query().then(
      (value) => {
        if (!answered && !stopped) to.next(value);
      },
      // liveQuery makes the same read and reports its failure.
      () => {},
    );
  }
  const subscription = liveQuery(query).subscribe({
    next: (value) => {
      answered = true;
      to.next(value);
    },
    error: (error: unknown) => {
      answered = true;
      to.error(error);
    },
  });
  return () => {
    stopped = true;
    subscription.unsubscribe();
  };
}

export interface LiveOptions {
  /**
   * Also read once straight away. Dexie's liveQuery makes its first read from a timer, and
   * at start the browser paints the empty screen before that timer runs, so the rows wait a
   * frame or more. For reads cheap enough to make twice, such as a page of 50 rows; never for
   * counts, which walk a whole index.
   */
  readAtOnce?: boolean;
}

/** A live query with no reactive inputs: `live(() => listUsers())`. */
export function live<T>(query: () => Promise<T>): Live<T> {
  return new Live(() => undefined, query);
}

/** A live query that re-runs when its inputs change: `liveWith(() => id, (id) => getUser(id))`. */
export function liveWith<T, Inputs>(inputs: () => Inputs, query: (inputs: Inputs) => Promise<T>, options?: LiveOptions): Live<T, Inputs> {
  return new Live(inputs, query, options);
}
