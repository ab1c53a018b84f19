from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.bulk import skipped_while_loading
from portal.models import Area, page_cache_paths, page_paths
from portal.page_cache import invalidate_paths

from . import versions
from .models import CategoryPage, ProducerPage, ProductPage, ProductVariant
from .services import refresh_product_summary
from .signals import product_stock_changed


@receiver(page_published, sender=ProductPage)
def product_published(sender, instance, **kwargs):
    refresh_product_summary(instance)
    # Its listing and home at once, and the listing it left (ProductPage.with_content_json).
    versions.product_shown_changed([instance.pk], also_categories=[getattr(instance, "category_id_before", None)])


@receiver(page_unpublished, sender=ProductPage)
@receiver(post_page_move, sender=ProductPage)
def product_unpublished_or_moved(sender, instance, **kwargs):
    versions.product_shown_changed([instance.pk])


@receiver(post_delete, sender=ProductPage)
def product_deleted(sender, instance, **kwargs):
    versions.bump_listings([instance.category_id])  # and its home's sections (portal.signal_handlers)


@receiver(page_published, sender=ProducerPage)
def producer_published(sender, instance, **kwargs):
    """Its products' details and cards show its name."""
    products = list(ProductPage.objects.filter(producer=instance).values_list("pk", flat=True))
    versions.bump_products(products)
    versions.product_shown_changed(products)


@receiver(page_published, sender=CategoryPage)
def category_published(sender, instance, **kwargs):
    """Its products' details show its title (its own listing follows its cache_key)."""
    versions.bump_products(
        ProductPage.objects.filter(category__translation_key=instance.translation_key).values_list("pk", flat=True)
    )


@receiver(post_save, sender=Area)
@receiver(post_delete, sender=Area)
def area_changed(sender, instance, **kwargs):
    """Every category's filter lists the areas; a product's detail shows its own."""
    CategoryPage.objects.filter(locale_id=instance.locale_id).update(listing_version=F("listing_version") + 1)
    versions.bump_products(ProductPage.objects.filter(origin_area=instance).values_list("pk", flat=True))


@receiver(post_save, sender=ProductVariant)
@receiver(post_delete, sender=ProductVariant)
def variant_changed(sender, instance, **kwargs):
    product = ProductPage.objects.filter(pk=instance.product_id).first()
    if product is not None:
        refresh_product_summary(product)


@receiver(product_stock_changed)
@skipped_while_loading
def drop_cached_pages_of_product(sender, product_ids, listed_changed=True, **kwargs):
    """Stock shows on the product's own page (and its trace pages, which depend on that path);
    its lowest price and whether it is in stock show on its producer, its category and the
    home page too, so only a change of those drops them."""
    products = ProductPage.objects.filter(pk__in=product_ids)
    if not listed_changed:
        invalidate_paths(page_paths(products))
        return  # its cached detail has a new stock_version already (refresh_product_summary)
    paths = []
    for product in products.select_related("category"):
        paths += page_cache_paths(product)
        if product.category_id:
            paths += page_cache_paths(product.category)
    invalidate_paths(paths)
    versions.product_shown_changed(product_ids)
