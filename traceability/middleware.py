"""The trace page's fast path: a scan of a code seen before is answered from the cache
before sessions, authentication, CSRF and the rest of the stack run.

This is what a viral QR code hits. The first scan of an address goes through the whole
stack and the view; on the way out this middleware keeps the response (with every header
the stack gave it) and which batch the address named. Later scans of that address replay
it and still log the scan (buffered, see scans.py). A new event, recall or alert drops
the kept response (trace_cache.forget_batch), so the next scan renders afresh.
"""

from django.conf import settings

from . import scans, trace_cache

TRACE_PREFIXES = ("/01/", "/t/")
SKIP_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


class TraceCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(TRACE_PREFIXES):
            return self.get_response(request)
        fast = request.method == "GET" and not any(name in request.COOKIES for name in SKIP_COOKIES)
        # A linkset asked for by Accept (GS1 resolver) is not the kept page of the same address.
        fast = fast and "linkset" not in request.META.get("HTTP_ACCEPT", "")
        if fast:
            response = self._replay(request)
            if response is not None:
                return response
        response = self.get_response(request)
        rendered = getattr(request, "trace_rendered", None)
        if rendered and response.status_code == 200 and not response.cookies:
            batch_id, language, fmt = rendered
            trace_cache.remember_rendered(batch_id, language, fmt, response)
            trace_cache.remember_path(request.get_full_path(), batch_id)
        return response

    def _replay(self, request):
        from .views import BatchRef, language_of, replay, wants_epcis

        batch_id = trace_cache.batch_id_for_path(request.get_full_path())
        if batch_id is None:
            return None
        language = language_of(request)
        cached = trace_cache.get_rendered(batch_id, language, "epcis" if wants_epcis(request) else "html")
        if cached is None:
            return None
        request.LANGUAGE_CODE = language
        scans.log_scan(request, BatchRef(batch_id), "short" if request.path.startswith("/t/") else "dl")
        return replay(cached)
