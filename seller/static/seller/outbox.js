// The workspace's outbox: an event form sent without a connection is kept on the phone
// (IndexedDB, photo included) and sent when the connection returns. Each entry carries the
// idempotency key its form was rendered with, so an entry that did reach the server before
// the connection dropped is not stored twice. Messages come from the page (translated there).

const DB_NAME = "xuthanh-seller-outbox";
const STORE = "events";
const RETRY_MS = 20000;
let flushing = false;

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore(mode, action) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const result = action(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(result && "result" in result ? result.result : undefined); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  });
}

const put = (entry) => withStore("readwrite", (store) => store.put(entry));
const remove = (key) => withStore("readwrite", (store) => store.delete(key));
const all = () => withStore("readonly", (store) => store.getAll());

function newKey() {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function say(name, values = {}) {
  document.querySelectorAll("[data-outbox-status]").forEach((element) => {
    let text = element.dataset[name] || "";
    for (const [key, value] of Object.entries(values)) text = text.replace(`{${key}}`, value);
    element.textContent = text;
  });
}

// "sent", "refused" (the server said no: dropping it is right) or "kept" (try again later).
async function send(entry) {
  const body = new FormData();
  for (const [name, value] of entry.fields) {
    if (value instanceof Blob) {
      if (value.size) body.append(name, value, value.name || "photo.jpg"); // an empty file input sends nothing
    } else body.append(name, value);
  }
  let response;
  try {
    response = await fetch(entry.url, { method: "POST", body, credentials: "same-origin", redirect: "follow" });
  } catch {
    return { state: "kept" };
  }
  if (response.ok) return { state: "sent", url: response.url };
  if (response.status >= 400 && response.status < 500) return { state: "refused", status: response.status };
  return { state: "kept" };
}

async function flush() {
  if (flushing || !navigator.onLine) return;
  flushing = true;
  try {
    for (const entry of await all()) {
      const result = await send(entry);
      if (result.state === "kept") break;
      await remove(entry.key);
      say(result.state === "sent" ? "msgSent" : "msgRefused", { label: entry.label });
    }
    const left = (await all()).length;
    if (left) say("msgWaiting", { count: left });
  } finally {
    flushing = false;
  }
}

function watch(form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const entry = {
      key: form.elements.key.value,
      url: form.action || window.location.href,
      label: form.dataset.outboxLabel || "",
      fields: [...new FormData(form)],
      savedAt: Date.now(),
    };
    await put(entry);
    const result = navigator.onLine ? await send(entry) : { state: "kept" };
    if (result.state === "sent") {
      await remove(entry.key);
      window.location.assign(result.url);
    } else if (result.state === "refused" && result.status === 400) {
      // Nothing was stored: send the form the ordinary way so the server shows what to correct.
      await remove(entry.key);
      form.submit();
    } else if (result.state === "refused") {
      await remove(entry.key);
      say("msgRefused", { label: entry.label });
    } else {
      form.reset();
      form.elements.key.value = newKey(); // the next entry is another event
      say("msgSaved", { label: entry.label });
    }
  });
}

document.querySelectorAll("form[data-outbox]").forEach(watch);
window.addEventListener("online", flush);
setInterval(flush, RETRY_MS);
flush();
