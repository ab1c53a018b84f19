from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail import hooks
from wagtail.models import Site

from .i18n import active_locale
from .models import HomePage
from .shell import shell_for


def localized_home(request):
    """The home page in the active language (one query, once per request), or None."""
    if not hasattr(request, "_localized_home"):
        locale = active_locale()
        # A page's view has found its site while routing: its root, when in this language, costs
        # nothing more. Another view (search, cart, board) would look the site up only for this,
        # which costs more than the one query below.
        routed = getattr(request.resolver_match, "url_name", None) == "wagtail_serve"
        site = Site.find_for_request(request) if routed else None
        root = site.root_page if site is not None else None
        if root is not None and root.live and locale is not None and root.locale_id == locale.pk:
            root = root.specific
        if isinstance(root, HomePage) and root.locale_id == locale.pk:
            request._localized_home = root
        else:
            request._localized_home = HomePage.objects.live().filter(locale=locale).first() if locale else None
    return request._localized_home


def site_chrome(request):
    """Navigation and the localized home page for base.html: lazy, so that a cached header
    or footer fragment costs no query for them."""
    return {
        "localized_home": SimpleLazyObject(lambda: localized_home(request)),
        "menu_pages": SimpleLazyObject(lambda: shell_for(request).menu),
        "app_nav_items": [nav_item() for nav_item in hooks.get_hooks("register_site_nav_item")],
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "FRAGMENT_CACHE_SECONDS": getattr(settings, "FRAGMENT_CACHE_SECONDS", 0),
    }
