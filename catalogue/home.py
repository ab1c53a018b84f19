"""The home page's "featured products" section (a home section: catalogue/wagtail_hooks.py)."""

from django.db.models.functions import Coalesce

from portal.visibility import public

from .listing import CARD_FIELDS, attach_card_images

FEATURED_COUNT = 8


def featured_products_context(request, home_page) -> dict:
    """In-stock products with the most OCOP stars, newest first: read along an index
    (`product_featured_idx`, by language: the listing columns), so the cost is the few rows
    shown, not the catalogue."""
    from .models import ProductPage

    products = (
        public(ProductPage.objects.all())
        .filter(listing_locale_id=home_page.locale_id, listing_live=True, in_stock=True)
        .select_related("producer")
        .only(*CARD_FIELDS, "producer__title")
        .order_by(Coalesce("ocop_stars", 0).desc(), "-pk")[:FEATURED_COUNT]
    )
    return {"featured_products": attach_card_images(products)}
