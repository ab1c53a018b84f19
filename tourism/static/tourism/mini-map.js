// Small maps of a few points (a trip, where a product is made): markers, and the route in
// order when data-route is set. The page lists the same places as text without this script.
function whenLeaflet() {
  return new Promise((resolve) => {
    if (window.L) return resolve(window.L);
    window.addEventListener("load", () => resolve(window.L), { once: true });
  });
}

async function start() {
  const containers = document.querySelectorAll(".mini-map[data-points]");
  if (!containers.length) return;
  const L = await whenLeaflet();
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
