// The admin's Content-Security-Policy allows no inline script. Wagtail starts choosers, inline
// panels and date pickers from inline scripts; portal/admin_csp.py and our copies of Wagtail's
// templates (portal/templates/wagtailadmin/, portal/templates/wagtail_localize/) put the same
// arguments in data attributes instead, and this file makes the same calls: while the page is
// parsed, and for forms added later (an inline panel's "Add" button, a modal).
(() => {
  const starters = {
    InlinePanel: (options) => new window.InlinePanel(options),
    MultipleChooserPanel: (options) => new window.MultipleChooserPanel(options),
    PageChooser: (options, id) => new window.PageChooser(id, options),
    SnippetChooser: (options, id) => new window.SnippetChooser(id, options),
    DocumentChooser: (options, id) => new window.DocumentChooser(id, options),
    ImageChooser: (options, id) => new window.ImageChooser(id, options),
    initDateChooser: (options, id) => window.initDateChooser(id, options),
    initTimeChooser: (options, id) => window.initTimeChooser(id, options),
    initDateTimeChooser: (options, id) => window.initDateTimeChooser(id, options),
    // The workflow editor's task chooser (its widget's script is this one call).
    createTaskChooser: (options, id) => window.createTaskChooser(id),
    // wagtail-localize's translation editor opens these choosers from its React code.
    chooserUrls: (options, id, element) => {
      window.chooserUrls ??= {
        imageChooser: element.dataset.imageChooser,
        documentChooser: element.dataset.documentChooser,
        pageChooser: element.dataset.pageChooser,
      };
    },
  };

  const start = (element) => {
    const name = element.dataset.xtInit;
    if (!Object.hasOwn(starters, name)) return;
    element.removeAttribute("data-xt-init");
    // The options are escaped as Wagtail escapes them for its inline script (escapejs), so that
    // an inline panel's "Add" still rewrites __prefix__ in them; decode, then parse the JSON.
    const options = JSON.parse(JSON.parse(`"${element.dataset.xtOptions || "{}"}"`));
    starters[name](options, element.dataset.xtId, element);
  };

  const startWithin = (root) => {
    if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_NODE) return;
    if (root.matches?.("[data-xt-init]")) start(root);
    root.querySelectorAll("[data-xt-init]").forEach(start);
  };

  new MutationObserver((mutations) => {
    mutations.forEach((mutation) => mutation.addedNodes.forEach(startWithin));
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => startWithin(document));

  // wagtail-localize's "translate this page": "select all" ticks (or clears) every locale.
  document.addEventListener("change", (event) => {
    const marker = document.querySelector("[data-xt-select-all]");
    if (!marker || event.target.name !== "select_all") return;
    document.querySelectorAll(`[name="${CSS.escape(marker.dataset.xtSelectAll)}"]`).forEach((box) => {
      box.checked = event.target.checked;
    });
  });
})();
