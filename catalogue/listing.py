"""Product cards for listings: one query for the images of a whole page of products.

A product's gallery is a StreamField; rendering its first image per card would cost a
query per product. The raw stream data already holds the image ids, so we read those and
fetch the images (with their card rendition) in one query.
"""

from wagtail.images import get_image_model

CARD_RENDITION = "fill-480x360"


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
