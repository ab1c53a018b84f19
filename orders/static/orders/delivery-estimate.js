// The product page's delivery block (orders/_delivery_estimate.html) is the same for every
// shopper, so that the page can come from the response cache. Here it shows this shopper's
// estimate: the province remembered in the delivery_province cookie (set by the estimate
// endpoint when the shopper picks one), fees and dates from /{lang}/delivery/estimate/.
const COOKIE = "delivery_province";

function remembered() {
  const match = document.cookie.match(new RegExp(`(?:^|; )${COOKIE}=(\\d+)`));
  return match ? match[1] : "";
}

function render(block, data) {
  const result = block.querySelector("[data-delivery-result]");
  result.replaceChildren();
  if (data.message) {
    const note = document.createElement("p");
    note.className = "message error";
    note.textContent = data.message;
    result.append(note);
    return;
  }
  const list = document.createElement("ul");
  list.className = "delivery-quotes";
  for (const option of data.options) {
    const item = document.createElement("li");
    const name = document.createElement("strong");
    name.textContent = option.label;
    const when = option.kind === "pickup" ? block.dataset.ready : block.dataset.arrives;
    const fee = option.from ? `${block.dataset.from} ${option.fee_display}` : option.fee_display;
    item.append(name, `: ${fee} · ${when} ${option.date_display}`);
    if (option.pickup_address) item.append(` · ${option.pickup_address}`);
    list.append(item);
  }
  result.append(list);
}

async function load(block, province, chosen) {
  const form = block.querySelector("form");
  const params = new URLSearchParams({ product: form.elements.product.value });
  if (chosen) params.set("province", province);
  try {
    const response = await fetch(`${block.dataset.url}?${params}`, { credentials: "same-origin" });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.status);
    form.elements.province.value = String(data.province.code);
    render(block, data);
  } catch {
    const note = document.createElement("p");
    note.textContent = block.dataset.failed;
    block.querySelector("[data-delivery-result]").replaceChildren(note);
  }
}

for (const block of document.querySelectorAll("[data-delivery-estimate]")) {
  const form = block.querySelector("form");
  const province = form.elements.province;
  form.querySelector("button[type=submit]").hidden = true; // the select answers on change
  if (remembered()) province.value = remembered();
  load(block, province.value, false);
  province.addEventListener("change", () => load(block, province.value, true));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(block, province.value, true);
  });
}
