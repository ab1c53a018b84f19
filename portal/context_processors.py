from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from .models import HomePage
from .registry import nav_items


def localized_home(request):
    """The home page in the active language (cached on the request)."""
    if not hasattr(request, "_localized_home"):
        home = None
        try:
            locale = Locale.objects.get(language_code=translation.get_language())
            home = HomePage.objects.live().filter(locale=locale).first()
        except Locale.DoesNotExist:
            pass
        request._localized_home = home
    return request._localized_home


def site_chrome(request):
    """Navigation, language links and the localized home page for base.html."""
    home = localized_home(request)
    menu_pages = list(home.get_children().live().in_menu()) if home else []
    return {
        "localized_home": home,
        "menu_pages": menu_pages,
        "app_nav_items": nav_items,
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
    }
