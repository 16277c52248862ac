// The least a precaching service worker does: cache the page at install, take control at
// once (as Tend's first worker does with clientsClaim), answer from the cache.
const CACHE = 'blank-v2';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(['blank.html', 'blank.js', 'first-page.html', 'first-page.js']))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  event.respondWith(caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? fetch(event.request)));
});
