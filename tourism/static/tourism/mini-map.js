// Small maps of a few points (a trip, where a product is made): markers, and the route in
// order when data-route is set. The page lists the same places as text without this script.
// Leaflet (our own copy, no third-party script) is fetched only when a page has such a map:
// the container names its files (data-leaflet-js, data-leaflet-css).
function whenLeaflet(container) {
  return new Promise((resolve) => {
    if (window.L) return resolve(window.L);
    const { leafletJs, leafletCss } = container.dataset;
    if (!leafletJs) {
      window.addEventListener("load", () => resolve(window.L), { once: true });
      return;
    }
    if (leafletCss && !document.querySelector(`link[href="${leafletCss}"]`)) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = leafletCss;
      document.head.append(link);
    }
    const script = document.createElement("script");
    script.src = leafletJs;
    script.addEventListener("load", () => resolve(window.L), { once: true });
    script.addEventListener("error", () => resolve(null), { once: true });
    document.head.append(script);
  });
}

async function start() {
  const containers = document.querySelectorAll(".mini-map[data-points]");
  if (!containers.length) return;
  const L = await whenLeaflet(containers[0]);
  if (!L) return;
  for (const container of containers) {
    const source = document.getElementById(container.dataset.points);
    if (!source) continue;
    const points = JSON.parse(source.textContent);
    if (!points.length) continue;
    container.hidden = false;
    const map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: container.dataset.tilesAttribution,
    }).addTo(map);
    const latlngs = points.map((point) => [point.lat, point.lon]);
    points.forEach((point, index) => {
      const marker = L.circleMarker([point.lat, point.lon], { radius: 8, color: "#2f6f4f", fillOpacity: 0.85 });
      const link = document.createElement("a");
      link.href = point.url || "#";
      link.textContent = container.dataset.route ? `${index + 1}. ${point.name}` : point.name;
      marker.bindPopup(link);
      marker.addTo(map);
    });
    if (container.dataset.route && latlngs.length > 1) L.polyline(latlngs, { color: "#2f6f4f", weight: 3 }).addTo(map);
    if (latlngs.length === 1) map.setView(latlngs[0], 12);
    else map.fitBounds(L.latLngBounds(latlngs).pad(0.15));
  }
}

start();
