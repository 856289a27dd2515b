// The service worker: after one visit, the app shell and the office catalogue open with no
// network; availability, holds and bookings always go to the network (never stale). Nothing
// personal is ever kept: only the build's files, index.html and the catalogue enter a cache.
// The server fills in VERSION (from the build's index.html) and ASSETS when it serves this.
const VERSION = '__CITAS_VERSION__';
// Not the officials' files (split_staff.wasm, staff.css): citizens never download them, and
// officials work online.
const ASSETS = __CITAS_ASSETS__.filter((path) => !/\/[^/]*staff[^/]*$/.test(path));
const SHELL = `citas-shell-${VERSION}`;
const DATA = 'citas-data';
// Read offline from the last copy: offices rarely change, and they are what the directory shows.
const CATALOGUE = ['/api/v1/offices', '/api/v1/settings'];
// Answers about citizens' appointments, waiting lists and the seats offered from them (names,
// documents, contacts, everything kept about them) and the officials' (agendas, histories):
// never handled here, so never cached, whatever else this worker comes to cache; the browser
// keeps none of them either (`Cache-Control: no-store`).
const PERSONAL = /^\/api\/v1\/(appointments|waitlist|offers|staff)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

// A new build takes over at once, and the caches of old builds go.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('citas-shell-') && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, fallback) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(cacheName)).put(fallback ?? request, response.clone());
    return response;
  } catch (offline) {
    const cached = await caches.match(fallback ?? request);
    if (cached) return cached;
    throw offline;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || PERSONAL.test(url.pathname)) return;
  // A hold released as its page is left: send it from here, where it outlives the page.
  if (request.method === 'POST' && /^\/api\/v1\/holds\/[^/]+\/release$/.test(url.pathname)) {
    event.respondWith(fetch(request));
    return;
  }
  if (request.method !== 'GET') return;
  if (CATALOGUE.includes(url.pathname)) {
    event.respondWith(networkFirst(request, DATA));
  } else if (url.pathname.startsWith('/api/')) {
    return; // live data only
  } else if (request.mode === 'navigate') {
    // Every page of the app is index.html; the network has the newest build.
    event.respondWith(networkFirst(request, SHELL, '/index.html'));
  } else {
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
  }
});
