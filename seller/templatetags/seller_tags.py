from django import template

from seller.nav import tabs

register = template.Library()


@register.simple_tag(takes_context=True)
def seller_tabs(context, current=""):
    request = context.get("request")
    return tabs(current, tourism=getattr(request, "listing", None) is not None)
