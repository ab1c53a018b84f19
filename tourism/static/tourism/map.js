// Progressive enhancement of the map page: the list works without this script.
const container = document.getElementById("map");
const colours = { attraction: "#2f6f4f", stay: "#1f5fa8", eat: "#b5522b", tours: "#3f6f6f", event: "#8a3fa0", producer: "#8a6d00" };

function whenLeaflet() {
  return new Promise((resolve) => {
    if (window.L) return resolve(window.L);
    window.addEventListener("load", () => resolve(window.L), { once: true });
  });
}

async function start() {
  if (!container) return;
  const L = await whenLeaflet();
  if (!L) return;
  document.documentElement.classList.add("js");
  container.hidden = false;
  const map = L.map(container).setView([19.9, 105.6], 9);
  L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18,
    attribution: container.dataset.tilesAttribution,
  }).addTo(map);
  const response = await fetch(container.dataset.geojson, { headers: { Accept: "application/geo+json" } });
  const data = await response.json();
  const layers = {};
  for (const feature of data.features) {
    const kind = feature.properties.kind;
    layers[kind] ??= L.layerGroup().addTo(map);
    const [lon, lat] = feature.geometry.coordinates;
    const marker = L.circleMarker([lat, lon], { radius: 7, color: colours[kind] || "#333", fillOpacity: 0.8 });
    const link = document.createElement("a");
    link.href = feature.properties.url;
    link.textContent = feature.properties.name;
    const box = document.createElement("div");
    box.append(link, document.createElement("br"), `${feature.properties.type_label} · ${feature.properties.area}`);
    marker.bindPopup(box);
    marker.addTo(layers[kind]);
  }
  const all = Object.values(layers).flatMap((layer) => layer.getLayers());
  if (all.length) map.fitBounds(L.featureGroup(all).getBounds().pad(0.1));
  // The same checkboxes that filter the list without JavaScript toggle the layers.
  for (const box of document.querySelectorAll(".map-filters input[name=kind]")) {
    const apply = () => {
      const layer = layers[box.value];
      if (layer) (box.checked ? map.addLayer(layer) : map.removeLayer(layer));
      const section = document.querySelector(`.map-list [data-kind="${box.value}"]`);
      if (section) section.hidden = !box.checked;
    };
    box.addEventListener("change", apply);
    apply();
  }
}

start();
