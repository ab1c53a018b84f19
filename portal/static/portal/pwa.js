// Registers the shoppers' service worker (/sw.js, scope /): the site works offline for the
// pages already seen and can be installed as an app. Nothing here runs without support.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
  });
}
