from django import template

from seller.nav import tabs

register = template.Library()


@register.simple_tag
def seller_tabs(current=""):
    return tabs(current)
