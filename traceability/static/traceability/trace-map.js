// Progressive enhancement: a small map of the places in the history (the list stays).
window.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("trace-map");
  const data = document.getElementById("trace-places");
  if (!el || !data || !window.L) return;
  const places = JSON.parse(data.textContent);
  el.hidden = false;
  const map = window.L.map(el, { scrollWheelZoom: false });
  window.L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18,
    attribution: "© OpenStreetMap",
  }).addTo(map);
  const points = places.map((p) => [p.lat, p.lng]);
  places.forEach((p) => window.L.marker([p.lat, p.lng]).addTo(map).bindPopup(p.name));
  if (points.length > 1) window.L.polyline(points).addTo(map);
  map.fitBounds(window.L.latLngBounds(points).pad(0.3), { maxZoom: 12 });
});
