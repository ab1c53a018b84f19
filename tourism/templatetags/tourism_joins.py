"""Template tags of the joins (tourism.joins): where a product is made, local products near a
place, a festival's products. The templates that use them cache the result in fragments."""

from django import template

from .. import joins

register = template.Library()


@register.inclusion_tag("tourism/includes/made_here.html", takes_context=True)
def made_here(context, product, locale=None):
    return {"request": context.get("request"), "made": joins.made_here(product, locale)}


@register.inclusion_tag("tourism/includes/local_products.html", takes_context=True)
def local_products(context, page):
    return {"request": context.get("request"), "page": page, "local": joins.local_products(page)}


@register.inclusion_tag("tourism/includes/festival_products.html", takes_context=True)
def festival_products(context, event):
    return {"request": context.get("request"), "rows": joins.festival_products(event)}
