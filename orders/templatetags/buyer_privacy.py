"""`{% buyer_contact order as contact %}`: the buyer as the signed-in user may see them
(orders.privacy), for templates outside orders' own views (the recall's list of orders)."""

from django import template

from ..privacy import buyer_contact_for

register = template.Library()


@register.simple_tag(takes_context=True)
def buyer_contact(context, order):
    return buyer_contact_for(order, context["request"].user)
