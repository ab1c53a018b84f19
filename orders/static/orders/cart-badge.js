// The header's cart badge. Pages come from the response cache with an empty badge; the cart's
// requests keep the cart_count cookie (orders.cart.CartCountCookieMiddleware), read here.
const match = document.cookie.match(/(?:^|; )cart_count=(\d+)/);
const count = match ? Number(match[1]) : 0;
for (const badge of document.querySelectorAll("[data-cart-badge]")) {
  if (count > 0) {
    const label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = ` ${badge.closest("[data-cart-link]")?.dataset.itemsLabel ?? ""}`;
    badge.replaceChildren(String(count), label);
    badge.hidden = false;
  } else if (!badge.textContent.trim()) {
    badge.hidden = true;
  }
}
