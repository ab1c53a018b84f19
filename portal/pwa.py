"""The shoppers' installable app: the web app manifest, the service worker at /sw.js (scope /)
and the page it shows without a network.

The worker keeps the shell and the last pages viewed (network first, the kept copy when the
network fails), keeps trace pages and itineraries longer, and the last photos shown; it never
stores anything of one person: the paths in `never_cached_paths()` and every non-GET request
go to the network only.
The seller workspace has its own worker scoped to /{lang}/seller/ (seller.pwa), which wins there.
"""

import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

THEME_COLOR = "#2f6f4f"  # the favicon's green
BACKGROUND_COLOR = "#ffffff"
# Bump when the worker's logic changes: a new version drops the old shell cache.
WORKER_VERSION = "1"
RECENT_PAGES_KEPT = 40
TRACE_AND_TRIP_PAGES_KEPT = 200
IMAGES_KEPT = 150

# Per-person or private areas, under each language prefix and without one.
_PRIVATE_UNDER_LANGUAGE = ("cart", "checkout", "account", "accounts", "orders", "seller", "trip")
_PRIVATE_ROOTS = ("admin", "payments", "api", "documents", "accounts", "healthz")
# Kept longer: what a visitor wants to read again without a signal (a scanned package, a trip).
_KEPT_PREFIXES = ("/01/", "/t/")


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def never_cached_paths() -> list[str]:
    """Path prefixes the worker must never store: carts, checkout, accounts, orders, the
    seller workspace, the admin, payments and the APIs."""
    under_language = [f"/{lang}/{part}/" for lang in _languages() for part in _PRIVATE_UNDER_LANGUAGE]
    return [*(f"/{root}/" for root in _PRIVATE_ROOTS), *under_language, "/sw.js", "/manifest.webmanifest"]


def _manifest_language(request) -> str:
    lang = request.GET.get("lang", "")
    return lang if lang in _languages() else translation.get_language_from_request(request)


@require_safe
@cache_control(public=True, max_age=3600)
def manifest(request):
    lang = _manifest_language(request)
    with translation.override(lang):
        data = {
            "id": "/",
            "name": settings.WAGTAIL_SITE_NAME,
            "short_name": settings.WAGTAIL_SITE_NAME,
            "description": _("Thanh Hóa's traditional products, their provenance, and where to go."),
            "lang": lang,
            "dir": "ltr",
            "start_url": f"/{lang}/",
            "scope": "/",
            "display": "standalone",
            "orientation": "portrait",
            "background_color": BACKGROUND_COLOR,
            "theme_color": THEME_COLOR,
            "categories": ["shopping", "travel", "food"],
            "icons": [
                {"src": static("portal/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
                {"src": static("portal/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
                {
                    "src": static("portal/icon-maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        }
    response = JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
    response["Vary"] = "Accept-Language"
    return response


def worker_config() -> dict:
    offline = {lang: _offline_url(lang) for lang in _languages()}
    shell = [
        static("portal/site.css"),
        static("portal/menu.js"),
        static("portal/pwa.js"),
        static("portal/copy.js"),
        static("portal/favicon.svg"),
        static("portal/icon-192.png"),
        *offline.values(),
        *(f"/{lang}/" for lang in _languages()),
    ]
    return {
        "version": WORKER_VERSION,
        "precache": shell,
        "offline": offline,
        "defaultLanguage": settings.LANGUAGE_CODE,
        "neverCached": never_cached_paths(),
        "kept": list(_KEPT_PREFIXES),
        "keptBodyClass": "itinerary",
        "staticPrefix": settings.STATIC_URL,
        "mediaPrefix": settings.MEDIA_URL,
        "imageLimit": IMAGES_KEPT,
        "recentLimit": RECENT_PAGES_KEPT,
        "keptLimit": TRACE_AND_TRIP_PAGES_KEPT,
    }


def _offline_url(lang: str) -> str:
    with translation.override(lang):
        return reverse("offline")


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    response = render(
        request,
        "portal/sw.js",
        {"config_json": json.dumps(worker_config(), ensure_ascii=False)},
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def offline(request):
    """What the worker shows for a page it has not kept; nothing of any person on it."""
    return render(request, "portal/offline.html")
