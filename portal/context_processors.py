from django.conf import settings
from wagtail import hooks

from .fragments import cached_fragment
from .i18n import active_locale
from .models import HomePage


def _home_and_menu(locale) -> tuple:
    home = HomePage.objects.live().filter(locale=locale).first() if locale else None
    menu = list(home.get_children().live().in_menu()) if home else []
    return home, menu


def _chrome(request) -> tuple:
    """The home page in the active language and its menu (cached on the request, and as a
    fragment: they change only when pages are published)."""
    if not hasattr(request, "_site_chrome"):
        locale = active_locale()
        request._site_chrome = cached_fragment(
            "chrome", (locale.pk if locale else None,), lambda: _home_and_menu(locale)
        )
    return request._site_chrome


def localized_home(request):
    """The home page in the active language."""
    return _chrome(request)[0]


def site_chrome(request):
    """Navigation, language links and the localized home page for base.html."""
    home, menu_pages = _chrome(request)
    return {
        "localized_home": home,
        "menu_pages": menu_pages,
        "app_nav_items": [nav_item() for nav_item in hooks.get_hooks("register_site_nav_item")],
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
    }
