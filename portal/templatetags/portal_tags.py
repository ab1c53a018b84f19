import base64
import json

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail import hooks

from portal.i18n import language_links as _language_links
from portal.money import format_dong
from portal.shell import shell_for

register = template.Library()


@register.filter
def dong(amount):
    """{{ variant.price|dong }} → 150.000 ₫ (vi) or ₫150,000 (en)."""
    return format_dong(amount)


@register.filter
def svg_data_uri(svg: str) -> str:
    """An SVG made by our code as a data: URI, so that it can be an <img> with alt text."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    request = context.get("request")
    # A view that is not a page leaves `page` undefined, which a template reads as "": only a
    # page (as portal.i18n.language_links tells one) has translations to look up. They come
    # with the shell's one query (menu, policy links).
    is_page = request is not None and getattr(page, "pk", None)
    known = shell_for(request, page).translations() if is_page else None
    return _language_links(request, page, known)


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
    """What other apps add below a page (their "register_page_panel" hooks, called with the
    request and the page): each panel renders its own template."""
    request = context.get("request")
    return format_html_join("", "{}", ((panel(request, page),) for panel in hooks.get_hooks("register_page_panel")))


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """(url, title) of the page's ancestors below the tree root (base.html caches the trail)."""
    request = context.get("request")
    return [(ancestor.get_url(request), ancestor.title) for ancestor in page.get_ancestors()[1:]]
