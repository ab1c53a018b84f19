"""The Wagtail Site of a request, and its root page, without queries on every request.

Wagtail looks the Site up by host on every request, then loads its root page and that
page's translation in the request's language to route from. They change only when an
editor edits a Site or publishes a home page, so each process keeps them (when
FRAGMENT_CACHE_SECONDS is on), keyed by the content generation (portal.fragments: bumped by
every publish) and for a minute at most (a Site edited in another process).
"""

import copy
import time

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http.request import split_domain_port
from wagtail.models import Page, Site

from .fragments import content_generation

TTL_SECONDS = 60
_sites: dict[tuple[str, int], tuple[int, float, Site | None]] = {}


def forget_sites(**kwargs) -> None:
    _sites.clear()


def _load(request) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        root = site.root_page.specific  # what routing asks for next: `root_page.localized.specific`
        translations = list(Page.objects.live().filter(translation_key=root.translation_key).specific())
        # What every request reads from them (each request's copy keeps what is loaded here).
        prefetch_related_objects(translations, *getattr(type(root), "route_select_related", ()))
        root.live_translations = {page.locale_id: page for page in translations}  # see HomePage.localized
        site.root_page = root
    return site


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "FRAGMENT_CACHE_SECONDS", 0):  # off with the other shared caches
            return self.get_response(request)
        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
        generation, now = content_generation(), time.monotonic()
        cached = _sites.get(key)
        if cached is None or cached[0] != generation or cached[1] < now:
            cached = (generation, now + TTL_SECONDS, _load(request))
            _sites[key] = cached
        site = cached[2]
        if site is not None:
            # Requests may set attributes on the page they route through: each gets its own copy.
            site = copy.copy(site)
            site.root_page = copy.copy(site.root_page)
        request._wagtail_site = site  # where Site.find_for_request keeps it (see its docstring)
        return self.get_response(request)
