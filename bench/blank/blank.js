// Registers the blank page's service worker, as Tend registers its own.
navigator.serviceWorker?.register('blank-sw.js');
