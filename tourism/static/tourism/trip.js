// "My trip" in the browser for visitors without an account (progressive enhancement: the
// "Add to my trip" links and the trip page work without this script).
// The trip is kept in localStorage as the query-string form the server reads: "12-1,34-2"
// (page id, dash, day, in order). Signed in, the trip page moves it into the account.
const KEY = "xuthanh.trip";

function read() {
  try {
    return localStorage.getItem(KEY) || "";
  } catch {
    return "";
  }
}

function write(value) {
  try {
    if (value) localStorage.setItem(KEY, value);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the links still work without it.
  }
}

function pairs(value) {
  return value ? value.split(",").filter((part) => /^\d+(-\d+)?$/.test(part)) : [];
}

function add(pageId) {
  const current = pairs(read());
  if (current.some((part) => part.split("-")[0] === pageId)) return;
  const lastDay = current.length ? current[current.length - 1].split("-")[1] || "1" : "1";
  current.push(`${pageId}-${lastDay}`);
  write(current.join(","));
}

function tripUrl(link) {
  const url = new URL(link.href, location.href);
  url.search = "";
  return url;
}

function markAdded(link) {
  link.textContent = link.dataset.addedLabel;
  link.href = tripUrl(link).toString();
  link.removeAttribute("data-trip-add");
}

for (const link of document.querySelectorAll("[data-trip-add]")) {
  if (pairs(read()).some((part) => part.split("-")[0] === link.dataset.tripAdd)) markAdded(link);
  link.addEventListener("click", (event) => {
    if (!link.dataset.tripAdd) return; // already added: follow the link to the trip
    event.preventDefault();
    add(link.dataset.tripAdd);
    markAdded(link);
    link.setAttribute("aria-live", "polite");
  });
}

const page = document.querySelector("[data-trip-page]");
if (page) {
  const stored = read();
  if (page.dataset.mode === "browser") {
    if (page.dataset.hasStopsParam) {
      write(page.dataset.stops); // the address is the trip now (after the form or a shared link)
    } else if (stored) {
      const url = new URL(location.href);
      url.searchParams.set("stops", stored);
      location.replace(url.toString());
    }
  } else if (stored) {
    const merge = page.querySelector("[data-trip-merge]");
    if (merge) {
      merge.querySelector("input[name=stops]").value = stored;
      write("");
      merge.submit();
    }
  }
}
