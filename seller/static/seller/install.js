// Registers the workspace's service worker (installable app, offline screen) for /{lang}/seller/.
const link = document.querySelector('link[rel="manifest"][data-sw]');
if (link && "serviceWorker" in navigator) {
  const scope = new URL(link.dataset.scope, window.location.href).pathname;
  navigator.serviceWorker.register(link.dataset.sw, { scope }).catch(() => {});
}
