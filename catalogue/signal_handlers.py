from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import ProductPage, ProductVariant
from .services import refresh_product_summary


@receiver(page_published, sender=ProductPage)
def product_published(sender, instance, **kwargs):
    refresh_product_summary(instance)


@receiver(post_save, sender=ProductVariant)
@receiver(post_delete, sender=ProductVariant)
def variant_changed(sender, instance, **kwargs):
    product = ProductPage.objects.filter(pk=instance.product_id).first()
    if product is not None:
        refresh_product_summary(product)
