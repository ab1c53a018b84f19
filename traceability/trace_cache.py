"""The trace page is what a viral QR code hits: keep its rendering and its batch lookup in
the cache, so a burst of scans costs no database query at all.

A rendered page lives for TRACE_MAX_AGE seconds and is dropped at once when what it shows
changes: a new event, a recall, a new scan alert (`forget_batch`).
"""

from hashlib import sha1

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


def path_key(full_path: str) -> str:
    return "trace:path:" + sha1(full_path.encode(), usedforsecurity=False).hexdigest()


def get_rendered(batch_id: int, language: str, fmt: str):
    """(content bytes, [(header, value), …]) as the whole middleware stack answered, or None."""
    return cache.get(render_key(batch_id, language, fmt))


def remember_rendered(batch_id: int, language: str, fmt: str, response) -> None:
    headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
    cache.set(render_key(batch_id, language, fmt), (response.content, headers), RENDER_SECONDS)


def batch_id_for_path(full_path: str) -> int | None:
    return cache.get(path_key(full_path))


def remember_path(full_path: str, batch_id: int) -> None:
    cache.set(path_key(full_path), batch_id, LOOKUP_SECONDS)


def forget_batch(batch_id: int) -> None:
    cache.delete_many([render_key(batch_id, code, fmt) for code, _name in settings.LANGUAGES for fmt in FORMATS])
