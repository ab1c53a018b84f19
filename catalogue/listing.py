"""Product listings: the columns a category's listing reads, and the product cards.

A category lists its products from their own rows (`ProductPage.listing_*`, one index in
title order): `copy_listing_columns` copies them from the page and its category on every
save that changes them.

A card's image costs one query for a whole page of products: a product's gallery is a
StreamField, and rendering its first image per card would cost a query per product. The raw
stream data already holds the image ids, so we read those and fetch the images (with their
card rendition) in one query.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.images import get_image_model

from .models import CategoryPage, ProductPage
from .models.pages import LISTING_SOURCES

CARD_RENDITION = "fill-480x360"
# What a card shows and links to (`only()` these: a product's body and details stay in the database).
CARD_FIELDS = ("title", "url_path", "locale", "gallery", "price_min", "ocop_stars", "in_stock", "producer")


def first_gallery_image(page):
    """(image id, alt text) of the first gallery image in the raw stream data, or (None, "")."""
    for block in page.gallery.raw_data:
        value = block.get("value") or {}
        if block.get("type") == "image" and isinstance(value, dict) and value.get("image"):
            return value["image"], value.get("alt_text") or ""
    return None, ""


def attach_card_images(pages) -> list:
    """Set `card_image` and `card_alt` on each page; returns the pages as a list."""
    pages = list(pages)
    wanted = {}
    for page in pages:
        image_id, alt = first_gallery_image(page)
        page.card_image_id, page.card_alt = image_id, alt
        if image_id:
            wanted[image_id] = None
    images = {}
    if wanted:
        Image = get_image_model()
        images = {i.pk: i for i in Image.objects.filter(pk__in=wanted).prefetch_renditions(CARD_RENDITION)}
    for page in pages:
        page.card_image = images.get(page.card_image_id)
        if page.card_image and not page.card_alt:
            page.card_alt = page.card_image.description or page.title
    return pages


def copy_listing_columns(product: ProductPage) -> None:
    if not product.category_id:
        product.listing_category_key = None
    elif ProductPage.category.is_cached(product) and product.category.pk == product.category_id:
        product.listing_category_key = product.category.translation_key
    else:
        rows = CategoryPage.objects.filter(pk=product.category_id).values_list("translation_key", flat=True)
        product.listing_category_key = rows.first()
    product.listing_locale_id, product.listing_live, product.listing_title = (
        product.locale_id,
        product.live,
        product.title,
    )


@receiver(pre_save, sender=ProductPage, dispatch_uid="product_listing_columns")
def keep_listing_columns(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and not LISTING_SOURCES & set(update_fields)):
        return
    copy_listing_columns(instance)
