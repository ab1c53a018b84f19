from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from portal.fragments import bump_content_generation
from portal.models import page_cache_paths
from portal.page_cache import invalidate_paths

from .models import ProductPage, ProductVariant
from .services import refresh_product_summary
from .signals import product_stock_changed


@receiver(page_published, sender=ProductPage)
def product_published(sender, instance, **kwargs):
    refresh_product_summary(instance)


@receiver(post_save, sender=ProductVariant)
@receiver(post_delete, sender=ProductVariant)
def variant_changed(sender, instance, **kwargs):
    product = ProductPage.objects.filter(pk=instance.product_id).first()
    if product is not None:
        refresh_product_summary(product)


@receiver(product_stock_changed)
def drop_cached_pages_of_product(sender, product_ids, **kwargs):
    """Stock and prices show on the product, its producer, its category and the home page."""
    paths = []
    for product in ProductPage.objects.filter(pk__in=product_ids).select_related("category"):
        paths += page_cache_paths(product)
        if product.category_id:
            paths += page_cache_paths(product.category)
    invalidate_paths(paths)
    bump_content_generation()  # product cards in shared fragments show price and stock
