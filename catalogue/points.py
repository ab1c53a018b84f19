"""Each product's point: where "nearby" finds it.

A product's own coordinates when it has them, else its producer's. Stored on the product
(`point_latitude`, `point_longitude`, indexed) so that a distance query reads one table with
an index instead of coalescing over a join; these receivers keep it in step when either the
product or its producer changes.
"""

from django.db.models import Q
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import ProducerPage, ProductPage

COORDINATES = {"latitude", "longitude"}


def _pair(latitude, longitude) -> tuple[float | None, float | None]:
    return (latitude, longitude) if latitude is not None and longitude is not None else (None, None)


def point_for(product: ProductPage) -> tuple[float | None, float | None]:
    own = _pair(product.latitude, product.longitude)
    if own[0] is not None or not product.producer_id:
        return own
    row = ProducerPage.objects.filter(pk=product.producer_id).values_list("latitude", "longitude").first()
    return _pair(*row) if row else (None, None)


def follow_producer(producer: ProducerPage) -> int:
    """Move the point of the producer's products that have no coordinates of their own."""
    latitude, longitude = _pair(producer.latitude, producer.longitude)
    own_less = Q(latitude__isnull=True) | Q(longitude__isnull=True)
    return (
        ProductPage.objects.filter(producer=producer)
        .filter(own_less)
        .update(point_latitude=latitude, point_longitude=longitude)
    )


@receiver(pre_save, sender=ProductPage, dispatch_uid="product_point")
def set_product_point(sender, instance, update_fields=None, raw=False, **kwargs):
    # A partial save that leaves the coordinates alone (a draft revision, the stock summary)
    # keeps the stored point: it was set by the save that last wrote them.
    if raw or (update_fields is not None and not COORDINATES & set(update_fields)):
        return
    instance.point_latitude, instance.point_longitude = point_for(instance)


@receiver(post_save, sender=ProducerPage, dispatch_uid="producer_point")
def move_products_with_producer(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or created or (update_fields is not None and not COORDINATES & set(update_fields)):
        return
    follow_producer(instance)
