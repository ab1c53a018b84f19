// Save buttons: favourites in the account when signed in, else in this browser (localStorage);
// the browser's list moves into the account at the first page after signing in. No third parties.
const KEY = "xuthanh:favourites";
const forms = [...document.querySelectorAll("[data-favourite]")];
const syncBox = document.querySelector("[data-favourites-sync]");
const source = forms[0] || syncBox;

function readLocal() {
  try {
    const ids = JSON.parse(localStorage.getItem(KEY) || "[]");
    return Array.isArray(ids) ? ids.map(Number).filter(Number.isInteger) : [];
  } catch {
    return [];
  }
}

function writeLocal(ids) {
  try {
    if (ids.length) localStorage.setItem(KEY, JSON.stringify(ids));
    else localStorage.removeItem(KEY);
  } catch {
    /* private mode: nothing kept */
  }
}

function mark(saved, signedIn) {
  for (const form of forms) {
    const on = saved.has(Number(form.dataset.favourite));
    const button = form.querySelector("button");
    button.setAttribute("aria-pressed", String(on));
    button.querySelector("[data-label]").textContent = on ? button.dataset.labelSaved : button.dataset.labelSave;
    button.querySelector("[aria-hidden]").textContent = on ? "♥" : "♡";
    form.querySelector("[data-favourite-note]").hidden = !(on && !signedIn);
  }
}

async function post(url, csrf, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(String(response.status));
  return response.json();
}

async function start() {
  if (!source) return;
  const state = await (await fetch(source.dataset.stateUrl, { credentials: "same-origin" })).json();
  let saved = new Set(state.ids);
  const local = readLocal();
  if (state.signed_in && local.length) {
    const answer = await post(source.dataset.syncUrl, state.csrf, { add: local });
    writeLocal([]);
    saved = new Set(answer.ids);
    if (syncBox && answer.added) window.location.reload();
  } else if (!state.signed_in) {
    saved = new Set(local);
  }
  mark(saved, state.signed_in);

  for (const form of forms) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const id = Number(form.dataset.favourite);
      if (state.signed_in) {
        const answer = await post(form.dataset.syncUrl, state.csrf, { toggle: id });
        saved = new Set(answer.ids);
      } else {
        if (saved.has(id)) saved.delete(id);
        else saved.add(id);
        writeLocal([...saved]);
      }
      mark(saved, state.signed_in);
    });
  }
}

start().catch(() => {
  /* without the answer the buttons keep working as plain links to the save page */
});
