"""Share buttons as plain links (Zalo, Facebook) and a copy-link link: no third-party script,
nothing loaded from Zalo or Facebook until the visitor follows a link."""

from urllib.parse import urlencode

from django import template

register = template.Library()

FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php"
# What Zalo's own share plugin opens; a plain link needs no Zalo SDK on our pages.
ZALO_SHARER = "https://sp.zalo.me/share_inline"


def share_links(url: str) -> dict:
    return {
        "url": url,
        "facebook": f"{FACEBOOK_SHARER}?{urlencode({'u': url})}",
        "zalo": f"{ZALO_SHARER}?{urlencode({'url': url})}",
    }


@register.inclusion_tag("portal/_share.html", takes_context=True)
def share_buttons(context, page):
    """Links sharing the page's address (in the language shown) on Zalo and Facebook, or copying it."""
    request = context["request"]
    return share_links(request.build_absolute_uri(page.get_url(request)))
