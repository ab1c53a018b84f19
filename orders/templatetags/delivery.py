"""The product page's delivery block: the same HTML for every shopper (the page is in the
response cache); orders/static/orders/delivery-estimate.js fills in the shopper's estimate."""

from django import template
from django.conf import settings

from portal.places import province_choices

from ..delivery import PERISHABLE_MAX_DAYS, is_perishable

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
