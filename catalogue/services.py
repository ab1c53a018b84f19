"""Stock and availability: the operations orders and the admin share."""

from django.db import transaction
from django.db.models import F, Min
from django.utils.translation import gettext_lazy as _

from .models import ProductPage, ProductVariant
from .signals import product_stock_changed


class OutOfStock(Exception):
    """Raised inside an order transaction when a variant has fewer units than asked for."""

    def __init__(self, variant_id: int, requested: int):
        self.variant_id = variant_id
        self.requested = requested
        super().__init__(_("Not enough stock left for this item."))


def reserve_stock(variant_id: int, quantity: int) -> None:
    """Take `quantity` units, or raise OutOfStock. Call inside the order's transaction.

    A conditional UPDATE (`stock >= quantity`) so that two concurrent checkouts can never
    both take the last unit: the database serialises the two updates on the row.
    """
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    updated = ProductVariant.objects.filter(pk=variant_id, is_active=True, stock__gte=quantity).update(
        stock=F("stock") - quantity
    )
    if updated != 1:
        raise OutOfStock(variant_id, quantity)
    _after_stock_change([variant_id])


def release_stock(variant_id: int, quantity: int) -> None:
    """Give back units of a cancelled or expired order."""
    if quantity <= 0:
        return
    ProductVariant.objects.filter(pk=variant_id).update(stock=F("stock") + quantity)
    _after_stock_change([variant_id])


def refresh_product_summary(product: ProductPage) -> None:
    """Recompute price_min and in_stock on every translation of `product`.

    Lists (home, category, producer, search) show only that summary; a change of stock that
    leaves it as it was (most orders) concerns the product's own detail alone, and the signal
    says so, so that what lists the product is not dropped five times a second.
    """
    source = product.source_product
    variants = ProductVariant.objects.filter(product=source, is_active=True)
    price_min = variants.aggregate(m=Min("price"))["m"]
    in_stock = variants.filter(stock__gt=0).exists()
    translations = ProductPage.objects.filter(translation_key=source.translation_key)
    listed_changed = translations.exclude(price_min=price_min, in_stock=in_stock).exists()
    # A new stock_version drops the product's cached detail in the same transaction.
    translations.update(price_min=price_min, in_stock=in_stock, stock_version=F("stock_version") + 1)
    ids = list(translations.values_list("pk", flat=True))
    transaction.on_commit(
        lambda: product_stock_changed.send(sender=ProductPage, product_ids=ids, listed_changed=listed_changed)
    )


def _after_stock_change(variant_ids: list[int]) -> None:
    for product in ProductPage.objects.filter(variants__pk__in=variant_ids).distinct():
        refresh_product_summary(product)
