// Dana RT's service worker (served at /sw.js so that its scope is the whole app).
// - Static assets (CSS, scripts, icons): from the cache, refreshed from the network behind.
// - The receipt form page (/rt/N/kuitansi): from the network; the last copy this browser was
//   given is kept only to open the form without signal (the outbox in outbox.js then keeps what
//   is captured). It is dropped at sign-out and at the sign-in page, so the next person to sign
//   in on this phone never gets the previous one's page.
// - Nothing else is cached: other pages, JSON, files and every POST go to the network as before.
// Bump VERSION when an asset changes: the old caches are deleted when the new worker activates.
var VERSION = 'v1';
var STATIC = 'dana-rt-static-' + VERSION;
var PAGES = 'dana-rt-pages-' + VERSION;
var ASSETS = [
  '/assets/app.css',
  '/assets/app.js',
  '/assets/outbox.js',
  '/assets/receipt-form.js',
  '/assets/favicon.svg',
  '/assets/icon-192.png',
  '/assets/manifest.webmanifest',
];
var FORM_PAGE = /^\/rt\/\d+\/kuitansi$/;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(STATIC).then(function (c) { return c.addAll(ASSETS); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (keys) { return Promise.all(keys.filter(function (k) { return k.indexOf('dana-rt-') === 0 && k !== STATIC && k !== PAGES; }).map(function (k) { return caches.delete(k); })); })
      .then(function () { return self.clients.claim(); }),
  );
});

function fromCacheThenRefresh(request) {
  return caches.open(STATIC).then(function (cache) {
    return cache.match(request).then(function (hit) {
      var fresh = fetch(request).then(function (res) {
        if (res.ok) cache.put(request, res.clone());
        return res;
      });
      if (hit) { fresh.catch(function () {}); return hit; }
      return fresh;
    });
  });
}

function formPage(request) {
  return fetch(request)
    .then(function (res) {
      // Only the form page itself as its owner was given it (not a redirect to the sign-in page).
      if (res.ok && !res.redirected && res.type === 'basic') {
        var copy = res.clone();
        caches.open(PAGES).then(function (c) { return c.put(request, copy); });
      }
      return res;
    })
    .catch(function () {
      return caches.open(PAGES).then(function (c) { return c.match(request, { ignoreSearch: true }); }).then(function (hit) {
        return hit || new Response('<!doctype html><meta charset="utf-8"><title>Tidak ada sinyal</title><p>Tidak ada sinyal. Halaman ini belum pernah dibuka di ponsel ini.</p>', { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      });
    });
}

self.addEventListener('fetch', function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/logout' || url.pathname === '/login') {
    // Another person may sign in next: forget the last user's page.
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (req.method !== 'GET') return;
  if (url.pathname.indexOf('/assets/') === 0 && ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(fromCacheThenRefresh(req));
    return;
  }
  if (req.mode === 'navigate' && FORM_PAGE.test(url.pathname)) event.respondWith(formPage(req));
});
