"""Cached fragments of pages: the parts that cost queries but rarely change (the "nearby"
panel, language links, the menu), shared by every visitor whatever the page cache does.

Every key carries the site's content generation, which any publish, unpublish, move or
delete bumps, so a fragment never outlives the content it shows by more than the write
itself; the timeout bounds what a generation cannot see (an area renamed in a snippet).
"""

from collections.abc import Callable
from hashlib import sha1
from typing import Any

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "fragments:generation"
_MISSING = object()


def content_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def bump_content_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def cached_fragment(name: str, parts: tuple, build: Callable[[], Any], *, keep_none: bool = True) -> Any:
    """`build()`'s value under (name, parts, generation); built on a miss and stored (a None
    only with `keep_none`). FRAGMENT_CACHE_SECONDS = 0 (the test settings) builds it every time."""
    timeout = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    if not timeout:
        return build()
    raw = "|".join(str(p) for p in (*parts, content_generation()))
    key = f"fragments:{name}:" + sha1(raw.encode(), usedforsecurity=False).hexdigest()
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        if value is not None or keep_none:
            cache.set(key, value, timeout)
    return value
