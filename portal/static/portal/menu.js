// The header's menu is a <details> disclosure and works without this module. This only
// closes it the way people expect: with Escape (focus back on the button) or a tap outside.
const menu = document.querySelector("[data-site-menu]");

if (menu) {
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
}
