// What `npm run bench` measures and how often. Every figure is the median of its runs; Tend
// and the floor alternate which goes first. The cheap figures discard warm-up runs first (see
// run.mjs); imports and upgrades run each in a fresh browser and profile instead, so no run
// inherits another's garbage. About 25 minutes on 2 cores, a quarter of it the 4 → 8 re-key and
// 5 minutes the sync figures.
export default {
  /** To-dos in the household; users, categories, posts and movies follow (bench/data.mjs). */
  sizes: [10_000, 100_000],
  /** The sizes the sync figures (10a–10c) run at: see the README for why not 100,000. */
  syncSizes: [10_000],
  runs: {
    10_000: { import: 5, importSteps: 3, reads: 21, toggleLive: 15, toggle: 11, upgrade: 3, upgradeCursor: 1, rekey: 3, counts: 11, start: 9, heap: 3, firstSync: 3, change: 7 },
    100_000: { import: 3, importSteps: 1, reads: 21, toggleLive: 15, toggle: 7, upgrade: 3, upgradeCursor: 0, rekey: 2, counts: 5, start: 7, heap: 3, firstSync: 1, change: 7 },
  },
  /** Rows per page, as the app's lists (src/lib/rows-browser.svelte.ts PAGE_SIZE). */
  page: 50,
  /** Tend ÷ floor at most, from the issue; kB are 1000 bytes, gzip at level 9. */
  targets: {
    import: 1.25,
    page: 2,
    search: 2,
    lastVsFirst: 1.2,
    upgrade: 1.5,
    warmStart: 2,
    // The warm start within 1.5× the plain first page (7d), a toggle within 2× the
    // raw put and page read (5a), reading a backup within 3× JSON.parse (1a).
    warmStartVsFirstPage: 1.5,
    toggle: 2,
    readBackup: 3,
    heap: 1.5,
    // The issue: "N items left" and "Clear completed" within 2× a single raw get.
    counts: 2,
    firstScreenJsKb: 55,
    firstSync: 1.5,
  },
};
