import type { AnyCrudModel, ListQuery, Scope } from './crud';
import { dataLayer } from './data';
import { KeptRows } from './kept-rows';
import { liveWith, type Live } from './live.svelte';
import { keepingUnchanged, orderingFor, PAGE_SIZE, type Ordering, type Page, type PagePosition } from './paging';
import { listFilterKey, loadPreference, savePreference } from './preferences';
import { takeEarlyPage } from './todos/early-page';

/**
 * The state of one list on screen: its query (sort, search, filter), which page is shown,
 * and the live page and count. The filter is remembered per list across reloads.
 */
export class RowsBrowser {
  // Raw state, replaced whole: a position's key goes to IndexedDB, which refuses proxies.
  query: ListQuery = $state.raw({});
  position: PagePosition = $state.raw({ at: 'first' });
  readonly ordering;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as AnyCrudModel's rows
  readonly page: Live<Page<any>, PageInputs>;
  /** The rows in the list (undefined when not counted: counting walks the whole index range). */
  readonly total;
  readonly scope: Scope | undefined;
  readonly #filterKey: string;
  /** The rows the page shows beside its own, kept between its reads. */
  readonly #kept = new KeptRows();
  /** The page's latest read, settled either way (see afterPageRead). */
  #pageRead: Promise<unknown> = Promise.resolve();

  constructor(
    readonly model: AnyCrudModel,
    { scope, pageSize = PAGE_SIZE, counted = true }: { scope?: Scope; pageSize?: number; counted?: boolean } = {},
  ) {
    this.scope = scope;
    this.#filterKey = listFilterKey(model.path, scope);
    const filter = loadPreference(this.#filterKey);
    if (model.listing.filters?.some((option) => option.name === filter)) this.query = { filter };
    const ordering = $derived(orderingFor(model.listing, this.query, scope));
    this.ordering = () => ordering;
    // The page's related rows are kept between its reads; a change to one of their tables reads
    // the page again, which its live query would not do by itself (see KeptRows).
    let keptChanges = $state(0);
    $effect(() => this.#kept.watch(dataLayer.then((layer) => layer.onStorageMutated), () => keptChanges++));
    this.page = liveWith(
      () => ({ ordering, position: this.position, keptChanges }),
      ({ ordering, position }) => this.#reading(model.page(ordering, position, pageSize, this.#kept).then((page) => keepingUnchanged(this.page?.current, page))),
      // A first answer before liveQuery's: the page the start read, when it is this one, else
      // the page read once straight away (cheap enough to read twice).
      { first: ({ ordering, position }) => this.#firstPage(ordering, position, pageSize) },
    );
    this.total = liveWith(
      () => ordering,
      async (ordering) => (counted ? model.count(ordering) : undefined),
    );
  }

  /** Notes the page's read in flight; hands it back as it is, so liveQuery follows its reads. */
  #reading<T>(read: Promise<T>): Promise<T> {
    this.#pageRead = read.then(
      () => undefined,
      () => undefined,
    );
    return read;
  }

  /**
   * Settles once the page's latest read has (whether it found rows or failed). A live read woken
   * by the same write (the to-do list's counts: one key read, back long before the page's)
   * waits for it, so the changed row is drawn first, in the same update as the rest, rather than
   * after a redraw of the footer.
   */
  afterPageRead(): Promise<unknown> {
    return this.#pageRead;
  }

  async #firstPage(ordering: Ordering, position: PagePosition, size: number) {
    const atStart = 'at' in position && position.at === 'first' && !this.scope;
    return (atStart && (await takeEarlyPage(this.model.path, ordering, size))) || this.model.page(ordering, position, size, this.#kept);
  }

  #restart(change: Partial<ListQuery>) {
    this.query = { ...this.query, ...change };
    this.position = { at: 'first' };
  }

  search(text: string) {
    this.#restart({ search: text });
  }

  filter(name: string | undefined) {
    savePreference(this.#filterKey, name);
    this.#restart({ filter: name });
  }

  /** A column's sort: choosing it again reverses the order. */
  sortBy(name: string) {
    const current = this.ordering();
    const same = this.query.sort === name || (!this.query.sort && this.model.listing.sorts[0]?.name === name);
    this.#restart({ sort: name, descending: same ? !current.descending : undefined });
  }

  first() {
    this.position = { at: 'first' };
  }

  last() {
    this.position = { at: 'last' };
  }

  next() {
    const key = this.page.current?.lastKey;
    if (key) this.position = { after: key };
  }

  previous() {
    const key = this.page.current?.firstKey;
    if (key) this.position = { before: key };
  }
}

interface PageInputs {
  ordering: Ordering;
  position: PagePosition;
  keptChanges: number;
}
