// The shoppers' service worker, served at /sw.js with scope / (portal/pwa.py writes CONFIG).
// Pages: from the network first; the last ones viewed are kept and shown when the network
// fails; trace pages (/01/…, /t/…) and itineraries are kept longer, and the last photos shown;
// anything else offline gets the offline page in the visitor's language. Never stored: CONFIG.neverCached (carts,
// checkout, accounts, orders, the seller workspace, admin, payments, APIs) and any non-GET.
const CONFIG = {{ config_json|safe }};
const SHELL = `shell-${CONFIG.version}`;
const RECENT = "pages-recent";
const KEPT = "pages-kept";
const IMAGES = "images";

const isNeverCached = (path) => CONFIG.neverCached.some((prefix) => path.startsWith(prefix));
const languageOf = (path) => {
  const first = path.split("/")[1];
  return first in CONFIG.offline ? first : CONFIG.defaultLanguage;
};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(CONFIG.precache.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  const current = [SHELL, RECENT, KEPT, IMAGES];
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => !current.includes(key)).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

async function trim(cache, limit) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(key);
}

async function keepPage(url, response) {
  if (!response.ok || response.type !== "basic" || response.redirected) return;
  if ((response.headers.get("Cache-Control") || "").includes("no-store")) return;
  if (!(response.headers.get("Content-Type") || "").startsWith("text/html")) return;
  const path = new URL(url).pathname;
  let kept = CONFIG.kept.some((prefix) => path.startsWith(prefix));
  if (!kept) {
    const html = await response.clone().text();
    kept = new RegExp(`<body[^>]*class="[^"]*\\b${CONFIG.keptBodyClass}\\b`).test(html);
  }
  const name = kept ? KEPT : RECENT;
  const cache = await caches.open(name);
  await cache.delete(url); // re-added last: the cache's order is the order of last viewing
  await cache.put(url, response);
  await trim(cache, kept ? CONFIG.keptLimit : CONFIG.recentLimit);
}

async function offlinePage(path) {
  return caches.match(CONFIG.offline[languageOf(path)], { ignoreVary: true });
}

async function privatePage(event) {
  // Never stored; without a network, the offline page rather than the browser's error.
  try {
    return await fetch(event.request);
  } catch (error) {
    return (await offlinePage(new URL(event.request.url).pathname)) || Promise.reject(error);
  }
}

async function page(event) {
  const url = new URL(event.request.url);
  const key = url.origin + url.pathname + url.search;
  try {
    const response = await fetch(event.request);
    event.waitUntil(keepPage(key, response.clone()));
    return response;
  } catch (error) {
    const copy = await caches.match(key, { ignoreVary: true });
    if (copy) return copy;
    return (await offlinePage(url.pathname)) || Promise.reject(error);
  }
}

async function staticFile(event) {
  // Kept copy at once, refreshed from the network for next time.
  const cache = await caches.open(SHELL);
  const cached = await cache.match(event.request, { ignoreVary: true });
  const fresh = fetch(event.request).then((response) => {
    if (response.ok) cache.put(event.request, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

async function image(event) {
  // Photos of the pages kept (a product on its trace page): the kept copy when the network fails.
  const cache = await caches.open(IMAGES);
  try {
    const response = await fetch(event.request);
    if (response.ok && response.type === "basic") {
      await cache.put(event.request, response.clone());
      await trim(cache, CONFIG.imageLimit);
    }
    return response;
  } catch (error) {
    return (await cache.match(event.request, { ignoreVary: true })) || Promise.reject(error);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isNeverCached(url.pathname)) {
    if (request.mode === "navigate") event.respondWith(privatePage(event));
    return;
  }
  if (url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(staticFile(event));
  } else if (url.pathname.startsWith(CONFIG.mediaPrefix) && request.destination === "image") {
    event.respondWith(image(event));
  } else if (request.mode === "navigate") {
    event.respondWith(page(event));
  }
});
