"""Stock edited in the admin goes live at once, without waiting for moderation.

Prices and descriptions are content and go through the page's workflow; the number of
units on the shelf is a fact the business must be able to correct immediately (and
`ProductPage.with_content_json` keeps a stale revision from overwriting it).
"""

from .models import ProductPage, ProductVariant
from .services import refresh_product_summary


def apply_admin_stock_edits(page) -> int:
    """Write the stock of the form's existing variants to the database; returns how many changed."""
    if not isinstance(page, ProductPage) or not page.pk:
        return 0
    changed = 0
    current = dict(ProductVariant.objects.filter(product_id=page.pk).values_list("pk", "stock"))
    for variant in page.variants.all():
        if variant.pk in current and current[variant.pk] != variant.stock and variant.stock >= 0:
            changed += ProductVariant.objects.filter(pk=variant.pk, product_id=page.pk).update(stock=variant.stock)
    if changed:
        refresh_product_summary(ProductPage.objects.get(pk=page.pk))
    return changed
