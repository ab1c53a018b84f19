// The workspace's service worker, scoped to /{lang}/seller/. It keeps only the workspace's
// static files and a page-free "you are offline" screen: pages, orders and anything of an
// account always come from the network, so nothing of one user is ever shown to another.
const VERSION = "seller-v1";
const scope = new URL(self.registration.scope);
const OFFLINE_URL = new URL("offline/", scope).pathname;
const STATIC_PREFIX = "/static/";
const PRECACHE = [OFFLINE_URL, "/static/portal/site.css", "/static/seller/seller.css", "/static/seller/fulfilment.css", "/static/seller/outbox.js"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== VERSION).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(STATIC_PREFIX)) {
    // Static files: from the network when it answers (kept for later), else the kept copy.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(VERSION).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => caches.match(request)),
    );
  } else if (request.mode === "navigate") {
    // Pages are never stored: without a network, the offline screen.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL)));
  }
});
