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
    (USE_X_FORWARDED_FOR); otherwise any client could pick its own address."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(bucket: str, identity: str, limit: int, window_seconds: int) -> bool:
    """Count one hit; False once `identity` has used its `limit` hits in this window."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return True
    window = int(time.time() // window_seconds)
    digest = sha256(f"{bucket}|{identity}".encode()).hexdigest()[:32]
    key = f"ratelimit:{bucket}:{digest}:{window}"
    if cache.add(key, 1, window_seconds + 5):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds + 5)
        return True
    return count <= limit


def rate_limited(bucket: str, limit: int, window_seconds: int, methods=("POST",), by_user: bool = False):
    """View decorator: past `limit` requests per window from one client → 429 page."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                user = getattr(request, "user", None)
                identity = f"user:{user.pk}" if by_user and user and user.is_authenticated else client_ip(request)
                if not hit(bucket, identity, limit, window_seconds):
                    return render(
                        request,
                        "portal/rate_limited.html",
                        {"message": _("Too many attempts. Please wait a little and try again.")},
                        status=429,
                    )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
