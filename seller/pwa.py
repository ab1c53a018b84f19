"""The workspace as an installable web app: its manifest, its service worker (served under
/{lang}/seller/ so that its scope is the workspace) and the screen shown without a network."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(public=True, max_age=3600)
def manifest(request):
    start = reverse("seller:today")
    data = {
        "name": _("My shop — Xứ Thanh"),
        "short_name": _("My shop"),
        "lang": get_language(),
        "start_url": start,
        "scope": start,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f6f43",
        "icons": [
            {"src": static("seller/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("seller/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    path = finders.find("seller/sw.js")
    if not path:
        raise Http404("sw.js")
    response = FileResponse(open(path, "rb"), content_type="text/javascript")  # noqa: SIM115 — FileResponse closes it
    response["Service-Worker-Allowed"] = reverse("seller:today")
    return response


@require_safe
def offline(request):
    """Kept by the service worker: no business, order or account data on it."""
    return render(request, "seller/offline.html")
