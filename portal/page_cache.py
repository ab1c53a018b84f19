"""The site's one response cache: anonymous GET requests of Wagtail pages and of the trace page.

Opt-in: only responses a view marks cacheable (`mark_cacheable(request)`: BasePage.serve for
anonymous visitors, the trace view) are kept, and only for requests without a session, CSRF
or messages cookie. Each path has a generation number; `invalidate_paths` bumps it, which
drops every query-string and language variant of that path at once. `invalidate_all` bumps
the site's generation, for what every page shows (the menu, the footer, the areas).

A response that varies by `Accept` or `Accept-Language` (the trace page answers in the
browser's language, and EPCIS JSON-LD for `Accept: application/ld+json`) is kept once per
variant, the language keyed as the view reads it, not as the raw header; one that does not
vary is kept once. A hit is one cache round trip: the path's and the site's generations and
both candidate entries in one `get_many`; an entry is good when it was built under the
generations read now.

A response that shows other pages (the trace page: its product and producer) names their
paths in `mark_cacheable`; its path joins each one's set of dependents, and invalidating a
path bumps its dependents' generations as well, so a hit never reads more than its own. A
set lives `DEPENDENTS_SLACK` seconds longer than the entries registered in it; one that Redis
evicts under memory pressure leaves its dependents to their own expiry (the trace page's 60 s).

What must happen on every view, hit or miss (counting a page view, logging a scan), a view
notes with `note_view`; `view_served` is sent with those notes for every 200 answer.
"""

import threading
from hashlib import sha1

from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_max_age, patch_vary_headers

CACHEABLE_ATTR = "_xuthanh_page_cacheable"
CANDIDATE_ATTR = "_xuthanh_page_cache_seconds"  # set by the middleware on a request it may keep
NOTES_ATTR = "_xuthanh_view_notes"
SKIP_COOKIES = (settings.SESSION_COOKIE_NAME, "messages", settings.CSRF_COOKIE_NAME)
VARIANT_HEADERS = ("accept", "accept-language")

# Sent with (request, notes) for every 200 answer that passed through here, cached or not.
# Receivers must not write to the database in the request (buffer and flush in bulk).
view_served = Signal()


def mark_cacheable(request, depends_on: tuple[str, ...] = ()) -> None:
    """Let this response be kept. `depends_on`: other paths whose invalidation drops it too
    (the trace page shows its product and producer). This path joins their dependents now,
    before the response is built, so a change made meanwhile bumps its generation; only on a
    request the middleware may keep (not a signed-in visitor's, nor with the cache off)."""
    seconds = getattr(request, CANDIDATE_ATTR, 0)
    if depends_on and seconds:
        _add_dependent([_dependents_key(path) for path in depends_on], request.path, seconds + DEPENDENTS_SLACK)
    setattr(request, CACHEABLE_ATTR, True)


def note_view(request, name: str, value) -> None:
    """Remember a fact of this view (kept with a cached copy), for `view_served` receivers."""
    notes = getattr(request, NOTES_ATTR, None)
    if notes is None:
        notes = {}
        setattr(request, NOTES_ATTR, notes)
    notes[name] = value


def _path_hash(text: str) -> str:
    return sha1(text.encode(), usedforsecurity=False).hexdigest()


def _generation_key(path: str) -> str:
    return "pagecache:gen:" + _path_hash(path)


SITE_GENERATION_KEY = "pagecache:gen:site"
DEPENDENTS_SLACK = 60  # seconds a set of dependents outlives the entries registered in it


def _dependents_key(path: str) -> str:
    return "pagecache:dependents:" + _path_hash(path)


# Redis (portal.redis_cache) keeps the sets itself, atomically; any other cache is one
# process's own memory, where a lock makes the read-modify-write safe.
_local_sets = threading.Lock()


def _add_dependent(keys: list[str], path: str, timeout: int) -> None:
    if hasattr(cache, "add_to_sets"):
        cache.add_to_sets(keys, path, timeout)
        return
    with _local_sets:
        for key in keys:
            cache.set(key, cache.get(key, frozenset()) | {path}, timeout)


def _dependents(paths) -> set[str]:
    keys = [_dependents_key(path) for path in paths]
    if hasattr(cache, "members_of_sets"):
        return cache.members_of_sets(keys)
    return set().union(*cache.get_many(keys).values())


def _variant(request) -> list[str]:
    parts = []
    for header in VARIANT_HEADERS:
        if header == "accept-language":  # as views read it: cookie, then Accept-Language, supported codes only
            parts.append(translation.get_language_from_request(request, check_path=False))
        else:
            parts.append(request.META.get("HTTP_" + header.upper().replace("-", "_"), ""))
    return parts


def _page_key(request, variant: list[str]) -> str:
    parts = [request.get_host(), request.path, request.META.get("QUERY_STRING", "")]
    return "pagecache:page:" + _path_hash("|".join(parts + variant))


def _varies(response) -> bool:
    named = {h.strip().lower() for h in response.get("Vary", "").split(",")}
    return any(h in named for h in VARIANT_HEADERS)


def _bump(keys: list[str]) -> None:
    if hasattr(cache, "incr_many"):  # one round trip to Redis
        cache.incr_many(keys)
        return
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, None)


def invalidate_paths(paths) -> None:
    """Drop every kept variant of these paths and of the responses that depend on them."""
    paths = set(paths)
    if paths:
        _bump([_generation_key(path) for path in paths | _dependents(paths)])


def invalidate_all() -> None:
    """Drop every kept response: for what every page shows (menu, footer, site settings)."""
    _bump([SITE_GENERATION_KEY])


def _announce(request, response, notes) -> None:
    if response.status_code == 200 and notes:
        view_served.send(sender=PageCacheMiddleware, request=request, notes=notes)


def _storable(request, response) -> bool:
    return (
        getattr(request, CACHEABLE_ATTR, False)
        and response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in response.get("Cache-Control", "")
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or not request.path.startswith(settings.PAGE_CACHE_PATH_PREFIXES)
            or any(c in request.COOKIES for c in SKIP_COOKIES)
        ):
            response = self.get_response(request)
            _announce(request, response, getattr(request, NOTES_ATTR, None))
            return response
        plain_key, variant_key = _page_key(request, []), _page_key(request, _variant(request))
        generation_key = _generation_key(request.path)
        state = cache.get_many([generation_key, SITE_GENERATION_KEY, plain_key, variant_key])
        generation = (state.get(SITE_GENERATION_KEY, 0), state.get(generation_key, 0))
        cached = state.get(variant_key) or state.get(plain_key)
        if cached is not None and cached[3] == generation:
            content, headers, notes = cached[:3]
            response = HttpResponse(content, status=200)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Page-Cache"] = "hit"
            _announce(request, response, notes)
            return response
        setattr(request, CANDIDATE_ATTR, seconds)
        response = self.get_response(request)
        notes = getattr(request, NOTES_ATTR, None)
        _announce(request, response, notes)
        if _storable(request, response):
            self._store(request, response, generation, (plain_key, variant_key), notes, seconds)
        return response

    def _store(self, request, response, generation, keys, notes, seconds) -> None:
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        # A view's own max-age bounds how long it is kept (the trace page: what no signal sees).
        timeout = min(seconds, get_max_age(response) or seconds)
        # Shared caches (a CDN) may keep anonymous pages briefly; signed-in users send a cookie.
        if "Cache-Control" not in response:
            response["Cache-Control"] = f"public, max-age={min(seconds, 60)}"
        patch_vary_headers(response, ["Cookie"])
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
        entry = (response.content, headers, notes or {}, generation)
        plain_key, variant_key = keys
        cache.set(variant_key if _varies(response) else plain_key, entry, timeout)
        response.headers["X-Page-Cache"] = "miss"
