"""The workspace's navigation: one list, so every screen shows the same tabs.

Each tab names its route; a route another engineer has not mounted yet is linked through its
stable path from the public contract (/{lang}/seller/orders/ …), so the shell never breaks.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    url_name: str
    path: str  # below /{lang}/seller/, used while `url_name` is not mounted


TABS = (
    Tab("today", _("Today"), "seller:today", ""),
    Tab("products", _("Products"), "seller:seller_products", "products/"),
    Tab("orders", _("Orders"), "seller:seller_orders", "orders/"),
    Tab("delivery", _("Delivery"), "seller:seller_delivery", "delivery/"),
    Tab("reviews", _("Reviews"), "seller:seller_reviews", "reviews/"),
    Tab("complaints", _("Complaints"), "seller:seller_complaints", "complaints/"),
    Tab("batches", _("Batches"), "seller:seller_batches", "batches/"),
    Tab("board", _("Board"), "seller:seller_board", "board/"),
    Tab("figures", _("Figures"), "seller:seller_figures", "figures/"),
    Tab("identity", _("Legal identity"), "seller:seller_identity", "identity/"),
)
# A tourism business keeps a listing: no products, orders or batches.
LISTING_TABS = (
    Tab("today", _("Today"), "seller:today", ""),
    Tab("listing", _("My listing"), "seller:seller_listing", "listing/"),
    Tab("offers", _("Seasonal offers"), "seller:seller_listing_offers", "listing/offers/"),
    Tab("identity", _("Legal identity"), "seller:seller_identity", "identity/"),
)


def seller_url(url_name: str, fallback_path: str, *args) -> str:
    """reverse(url_name, args) when mounted, else /{lang}/seller/{fallback_path} (args already in it)."""
    try:
        return reverse(url_name, args=args)
    except NoReverseMatch:
        return f"/{get_language()}/seller/{fallback_path}"


def tabs(current: str, *, tourism: bool = False) -> list[dict]:
    return [
        {"key": tab.key, "label": tab.label, "url": seller_url(tab.url_name, tab.path), "current": tab.key == current}
        for tab in (LISTING_TABS if tourism else TABS)
    ]
