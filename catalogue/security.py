"""Refused admin requests are logged to "xuthanh.security".

Wagtail checks page permissions before its `before_edit_page`/`before_create_page` hooks
run, so a refused edit never reaches a hook; this middleware sees the PermissionDenied
that Wagtail raises (403) for any admin view, and records who tried what.
"""

import logging

from django.core.exceptions import PermissionDenied

security_logger = logging.getLogger("xuthanh.security")


def log_refusal(request, reason: str = "permission denied") -> None:
    user = getattr(request, "user", None)
    security_logger.warning(
        "Refused %s %s for user %r (id %s): %s",
        request.method,
        request.path,
        getattr(user, "username", None),
        getattr(user, "pk", None),
        reason,
    )


class AdminRefusalLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            log_refusal(request, str(exception) or "permission denied")
        return None
