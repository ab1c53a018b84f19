from django import template

from seller.nav import seller_url, tabs

register = template.Library()


@register.simple_tag
def seller_tabs(current=""):
    return tabs(current)


@register.simple_tag
def seller_link(url_name, fallback_path, *args):
    """A workspace link by route name, or its contract path while that route is not mounted."""
    return seller_url(url_name, fallback_path, *args)
