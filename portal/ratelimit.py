"""A fixed-window rate limit on the shared cache (Redis in production).

django-ratelimit refuses local-memory caches in `check` (DEPENDENCIES.md), and our needs
are small: count hits per key per window, refuse past the limit with a 429 page.
"""

import time
from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_ip(request) -> str:
    """The client's address. X-Forwarded-For is believed only behind a proxy that sets it
    (USE_X_FORWARDED_FOR), and then only its right-most entry, the one our proxy appends:
    everything left of it came from the client, which can write any address there."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def axes_client_ip(request) -> str | None:
    """The address django-axes records in its IP column: None for a request without one (a
    session made in a script by `Client.force_login`), which the column takes and "unknown"
    is not."""
    address = client_ip(request)
    return None if address == "unknown" else address


def _key(bucket: str, identity: str, window_seconds: int) -> str:
    window = int(time.time() // window_seconds)
    digest = sha256(f"{bucket}|{identity}".encode()).hexdigest()[:32]
    return f"ratelimit:{bucket}:{digest}:{window}"


def _count(key: str, window_seconds: int) -> int:
    """Add one to a counter in the shared cache; atomic on Redis (INCR)."""
    if cache.add(key, 1, window_seconds + 5):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds + 5)
        return 1


def hit(bucket: str, identity: str, limit: int, window_seconds: int) -> bool:
    """Count one hit; False once `identity` has used its `limit` hits in this window."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return True
    return _count(_key(bucket, identity, window_seconds), window_seconds) <= limit


class AttemptLimit:
    """Attempts counted per identity in the shared cache, so that every app process sees the
    same count: failed tries only (`record_failure`, wrong phone numbers) or every try
    (`hit`, mails sent).

    `limits` maps an identity's kind ("code", "ip", "account"…) to its limit per window.
    """

    def __init__(self, bucket: str, window_seconds: int, **limits: int):
        self.bucket = bucket
        self.window_seconds = window_seconds
        self.limits = limits

    def blocked(self, **identities: str) -> bool:
        """True when any of the given identities has used up its failures in this window."""
        if not getattr(settings, "RATELIMIT_ENABLED", True):
            return False
        for kind, identity in identities.items():
            count = cache.get(_key(f"{self.bucket}:{kind}", identity, self.window_seconds), 0)
            if count >= self.limits[kind]:
                return True
        return False

    def record_failure(self, **identities: str) -> None:
        for kind, identity in identities.items():
            _count(_key(f"{self.bucket}:{kind}", identity, self.window_seconds), self.window_seconds)

    def hit(self, **identities: str) -> bool:
        """Count one try against every identity (for actions limited whatever their outcome,
        such as sending a mail); False when any identity is past its limit."""
        if not getattr(settings, "RATELIMIT_ENABLED", True):
            return True
        allowed = True
        for kind, identity in identities.items():
            count = _count(_key(f"{self.bucket}:{kind}", identity, self.window_seconds), self.window_seconds)
            allowed = allowed and count <= self.limits[kind]
        return allowed


def too_many_attempts_response(request, message: str | None = None):
    return render(
        request,
        "portal/rate_limited.html",
        {"message": message or _("Too many attempts. Please wait a little and try again.")},
        status=429,
    )


def rate_limited(bucket: str, limit: int, window_seconds: int, methods=("POST",), by_user: bool = False):
    """View decorator: past `limit` requests per window from one client → 429 page."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                user = getattr(request, "user", None)
                identity = f"user:{user.pk}" if by_user and user and user.is_authenticated else client_ip(request)
                if not hit(bucket, identity, limit, window_seconds):
                    return too_many_attempts_response(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
