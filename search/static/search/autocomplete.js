// Autocomplete for search boxes with data-suggest-url: a list of titles under the box,
// fetched from search/suggest/?q= as the user types. Without JavaScript the form still works.
const DELAY_MS = 150;

function enhance(input) {
  const listId = `${input.id || "search"}-suggestions`;
  const list = document.createElement("ul");
  list.id = listId;
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("aria-expanded", "false");

  let timer = null;
  let controller = null;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
  };

  const show = (suggestions) => {
    list.replaceChildren(
      ...suggestions.map((item, index) => {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = `${listId}-${index}`;
        const link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.title;
        const kind = document.createElement("span");
        kind.className = "small";
        kind.textContent = ` · ${item.kind_label}`;
        li.append(link, kind);
        return li;
      }),
    );
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      close();
      return;
    }
    timer = setTimeout(async () => {
      controller?.abort();
      controller = new AbortController();
      try {
        const url = new URL(input.dataset.suggestUrl, window.location.href);
        url.searchParams.set("q", text);
        const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (response.ok) show((await response.json()).suggestions || []);
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    }, DELAY_MS);
  });

  input.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    if (event.key === "Escape") close();
    if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[0].focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) {
      event.preventDefault();
      links[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? links[at - 1] : input).focus();
    } else if (event.key === "Escape") {
      close();
      input.focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (!list.contains(event.target) && event.target !== input) close();
  });
}

document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
