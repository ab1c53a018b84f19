"""The trace page is what a viral QR code hits: keep its rendering and its batch lookup in
the cache, so a burst of scans costs no database query at all.

A rendered page lives for TRACE_MAX_AGE seconds and is dropped at once when what it shows
changes: a new event, a recall, a new scan alert (`forget_batch`).
"""

from django.conf import settings
from django.core.cache import cache

RENDER_SECONDS = 60
LOOKUP_SECONDS = 600
FORMATS = ("html", "epcis")


def lookup_key(kind: str, value: str) -> str:
    return f"trace:lookup:{kind}:{value}"


def render_key(batch_id: int, language: str, fmt: str) -> str:
    return f"trace:render:{batch_id}:{language}:{fmt}"


def get_batch_id(kind: str, value: str) -> int | None:
    return cache.get(lookup_key(kind, value))


def remember_batch_id(kind: str, value: str, batch_id: int) -> None:
    cache.set(lookup_key(kind, value), batch_id, LOOKUP_SECONDS)


def get_rendered(batch_id: int, language: str, fmt: str):
    """(content bytes, content type) or None."""
    return cache.get(render_key(batch_id, language, fmt))


def remember_rendered(batch_id: int, language: str, fmt: str, response) -> None:
    cache.set(render_key(batch_id, language, fmt), (response.content, response["Content-Type"]), RENDER_SECONDS)


def forget_batch(batch_id: int) -> None:
    cache.delete_many([render_key(batch_id, code, fmt) for code, _name in settings.LANGUAGES for fmt in FORMATS])
