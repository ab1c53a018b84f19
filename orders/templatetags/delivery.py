"""The product page's delivery block: the same HTML for every shopper (the page is in the
response cache); orders/static/orders/delivery-estimate.js fills in the shopper's estimate."""

from django import template
from django.conf import settings

from portal.places import province_choices

from ..delivery import PERISHABLE_MAX_DAYS, is_perishable
from ..delivery_models import OrderDelivery

register = template.Library()


@register.inclusion_tag("orders/_delivery_estimate.html")
def delivery_estimate(product):
    return {
        "product": product,
        "provinces": province_choices(),
        "home_province": settings.PROVINCE_CODE,
        "perishable": is_perishable(product),
        "perishable_max_days": PERISHABLE_MAX_DAYS,
    }


@register.simple_tag
def parcel_delivery(line):
    """How the parcel holding this order line travels, as the shopper chose (None for orders
    placed before delivery options existed)."""
    return OrderDelivery.objects.filter(order_id=line.order_id, producer_id=line.producer_id).first()
