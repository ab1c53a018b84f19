import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.i18n import language_links as _language_links
from portal.money import format_dong

register = template.Library()


@register.filter
def dong(amount):
    """{{ variant.price|dong }} → 150.000 ₫ (vi) or ₫150,000 (en)."""
    return format_dong(amount)


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    return _language_links(context.get("request"), page)


@register.simple_tag
def json_ld(data):
    """Serialise a dict built in Python as a JSON-LD script, safe inside HTML."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, default=str)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # The payload is JSON with <, > and & escaped: it cannot close the script element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # nosec B308 B703


@register.simple_tag(takes_context=True)
def page_panels(context, page):
    """What other apps add below a page (see portal.registry.register_page_panel)."""
    from portal.registry import page_panels as panels

    request = context.get("request")
    return mark_safe("".join(panel.render(request, page) for panel in panels))  # noqa: S308 # nosec B308 B703 — panels return rendered templates
