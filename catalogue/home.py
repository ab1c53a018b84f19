"""The home page's "featured products" section (registered in CatalogueConfig.ready)."""

from .listing import attach_card_images

FEATURED_COUNT = 8


def featured_products_context(request, home_page) -> dict:
    from .models import ProductPage

    products = (
        ProductPage.objects.live()
        .public()
        .filter(locale_id=home_page.locale_id, in_stock=True)
        .select_related("producer")
        .order_by("-ocop_stars", "title")[:FEATURED_COUNT]
    )
    return {"featured_products": attach_card_images(products)}
