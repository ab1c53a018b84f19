"""Anonymous full-page cache for Wagtail pages, invalidated on publish and stock change.

Opt-in: only responses a page marks cacheable (`mark_cacheable(request)`, done by
BasePage.serve for anonymous visitors) are stored, so views with side effects (the trace
page logs scans, the cart) are never skipped. Each path has a generation number;
invalidating a path bumps it, which drops every query-string variant (filters, pages).
"""

from hashlib import sha1

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

CACHEABLE_ATTR = "_xuthanh_page_cacheable"
SKIP_COOKIES = (settings.SESSION_COOKIE_NAME, "messages", settings.CSRF_COOKIE_NAME)
PAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


PAGE_ID_ATTR = "_xuthanh_page_id"


def mark_cacheable(request) -> None:
    setattr(request, CACHEABLE_ATTR, True)


def note_page_view(request, page_id: int) -> None:
    """Remember which page answered, so view counters see cache hits too."""
    setattr(request, PAGE_ID_ATTR, page_id)


def _announce_view(request, page_id) -> None:
    from .registry import page_view_listeners

    if page_id:
        for listener in page_view_listeners:
            listener(request, page_id)


def _generation_key(path: str) -> str:
    return "pagecache:gen:" + sha1(path.encode(), usedforsecurity=False).hexdigest()


def _page_key(request, generation: int) -> str:
    raw = f"{request.get_host()}|{request.path}|{request.META.get('QUERY_STRING', '')}|{generation}"
    return "pagecache:page:" + sha1(raw.encode(), usedforsecurity=False).hexdigest()


def invalidate_paths(paths) -> None:
    for path in set(paths):
        key = _generation_key(path)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, None)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            # Pages live under a language prefix; the trace resolver, APIs and admin never hit.
            or not request.path.startswith(PAGE_PREFIXES)
            or any(c in request.COOKIES for c in SKIP_COOKIES)
        ):
            response = self.get_response(request)
            if response.status_code == 200:
                _announce_view(request, getattr(request, PAGE_ID_ATTR, None))
            return response
        generation = cache.get(_generation_key(request.path), 0)
        key = _page_key(request, generation)
        cached = cache.get(key)
        if cached is not None:
            content, headers, page_id = cached
            _announce_view(request, page_id)
            response = HttpResponse(content, status=200)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        page_id = getattr(request, PAGE_ID_ATTR, None)
        if response.status_code == 200:
            _announce_view(request, page_id)
        if (
            getattr(request, CACHEABLE_ATTR, False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in response.get("Cache-Control", "")
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            # Shared caches (a CDN) may keep anonymous pages briefly; signed-in users send a cookie.
            if "Cache-Control" not in response:
                response["Cache-Control"] = f"public, max-age={min(seconds, 60)}"
            patch_vary_headers(response, ["Cookie"])
            headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
            cache.set(key, (response.content, headers, page_id), seconds)
            response.headers["X-Page-Cache"] = "miss"
        return response
