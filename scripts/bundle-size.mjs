// What a first visit downloads before Tend can show its first screen, measured from a build:
// the page's inline script, the start script, the app's entry script it runs, the scripts
// index.html preloads with them, and its stylesheets, gzipped.
// Used by the size budget test and by `npm run bench`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The first screen's JavaScript may not grow past this, gzipped: 55 kB, counted as 55,000 bytes.
 * Dexie and the data layer are not in it: they load alongside, while the first rows are drawn
 * from the page read at start (src/lib/todos/early-page.ts).
 */
export const FIRST_SCREEN_JS_BUDGET = 55_000;

const gzipped = (dir, path) => gzipSync(readFileSync(join(dir, path)), { level: 9 }).length;

function assetsIn(html, pattern) {
  return [...html.matchAll(pattern)].map((match) => match[1].replace(/^\//, ''));
}

/** The text of each script a page holds inline (Tend's: the early open of the database, vite.config.ts). */
export function inlineScripts(html) {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([^]*?)<\/script>/g)].map((match) => match[1]);
}

/** Sizes in bytes (gzip) of a build in `dir` served at its root. */
export function firstScreenSize(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  // Once each: a script may also be preloaded (the early look at the database is both).
  const scripts = [
    ...new Set([
      ...assetsIn(html, /<script[^>]+src="([^"]+)"/g),
      // The app's own script, which the start script runs (startScript in vite.config.ts).
      ...assetsIn(html, /<meta name="tend-app-script" content="([^"]+)"/g),
      ...assetsIn(html, /<meta name="tend-app-imports" content="([^"]+)"/g).flatMap((names) => names.split(' ').map((name) => name.replace(/^\//, ''))),
      ...assetsIn(html, /<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ]),
  ];
  const styles = assetsIn(html, /<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  const inline = inlineScripts(html);
  return {
    scripts,
    styles,
    js: scripts.reduce((total, path) => total + gzipped(dir, path), 0) + inline.reduce((total, text) => total + gzipSync(text, { level: 9 }).length, 0),
    css: styles.reduce((total, path) => total + gzipped(dir, path), 0),
  };
}

/** Every file the service worker precaches, and their total size (uncompressed and gzip). */
export function precacheSize(dir) {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const files = [...sw.matchAll(/\{url:"([^"]+)",revision:/g)].map((match) => match[1]);
  const bytes = files.reduce((total, path) => total + readFileSync(join(dir, path)).length, 0);
  const gzip = files.reduce((total, path) => total + gzipped(dir, path), 0);
  return { files, bytes, gzip };
}
