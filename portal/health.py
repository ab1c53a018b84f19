"""What /healthz reports: each engine the site runs on, asked directly (not through the
forgiving cache), with short timeouts so a monitor gets its answer within about a second."""

import urllib.request

from django.conf import settings
from django.db import connection
from django.http import JsonResponse

from .buffers import redis_client


def _error(exc: Exception) -> str:
    return f"error: {exc.__class__.__name__}"


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure is reported, not raised
        return _error(exc)
    return "ok"


def redis() -> str:
    client = redis_client()
    if client is None:
        return "not used"
    try:
        client.ping()
    except Exception as exc:  # reported, not raised
        return _error(exc)
    return "ok"


def search() -> str:
    """Elasticsearch when configured; reported only, since the site answers without it."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        return "database"
    try:
        # The configured cluster's own address (an operator's setting, not user input).
        with urllib.request.urlopen(f"{url.rstrip('/')}/_cluster/health?timeout=1s", timeout=2) as r:  # noqa: S310 # nosec B310
            return "ok" if r.status == 200 else f"error: HTTP {r.status}"
    except Exception as exc:  # reported, not raised
        return _error(exc)


def report() -> tuple[dict, bool]:
    """The engines' states and whether the site can serve: PostgreSQL and, when configured, Redis."""
    states = {"database": database(), "vendor": connection.vendor, "redis": redis(), "search": search()}
    states["tasks"] = settings.TASKS["default"]["BACKEND"].rsplit(".", 1)[-1]
    healthy = states["database"] == "ok" and states["redis"] in ("ok", "not used")
    states["status"] = "ok" if healthy else "error"
    return states, healthy


def response() -> JsonResponse:
    states, healthy = report()
    return JsonResponse(states, status=200 if healthy else 503, headers={"Cache-Control": "no-store"})


class HealthCheckMiddleware:
    """Answers /healthz first: the middleware after it reads the Site from the database and
    redirects plain HTTP to HTTPS, so with PostgreSQL down the check would be a 500, and a
    load balancer probing over HTTP would get a redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz" and request.method in ("GET", "HEAD"):
            return response()
        return self.get_response(request)
