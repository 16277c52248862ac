import { withData } from '../data';
import { takeEarlyCounts } from './early-page';
import { liveWith } from '../live.svelte';
import type { RowsBrowser } from '../rows-browser.svelte';

/**
 * "N items left" and "Clear completed" for the to-do list on screen, live: read once `shown`
 * (the first page is on screen: the page comes first), then after every change of to-dos. A
 * write that changes both the page and the counts (a toggle) wakes both reads at once; the
 * counts, one key read, would come back first and redraw the footer while the page is still
 * being read, so each new count waits for the page's read in flight, if any.
 */
export function liveTodoCounts(browser: RowsBrowser, shown: () => boolean) {
  return liveWith(
    shown,
    (shown) =>
      shown
        ? withData(async ({ todoQueries }) => {
            const counts = await todoQueries.todoCounts();
            await browser.afterPageRead();
            return counts;
          })
        : Promise.resolve(undefined),
    // The first answer is the one read at start with the first page, so that the footer and the
    // bulk button show what the start's picture of the list showed (first-screen.ts).
    { first: (shown) => (shown ? takeEarlyCounts() : Promise.resolve(undefined)) },
  );
}
