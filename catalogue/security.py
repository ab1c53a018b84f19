"""Refused admin requests are logged to "xuthanh.security".

Wagtail checks page permissions before its `before_edit_page`/`before_create_page` hooks
run, and turns the refusal into a redirect with "permission denied", so a refused edit
never reaches a hook. This middleware asks Wagtail's own permission tester, just before
the page views run, whether the user may do what the URL asks, and logs a refusal; it
changes nothing in the response (Wagtail refuses by itself). Other PermissionDenied
exceptions that reach Django (403) are logged too.
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


# Wagtail admin page views → the PagePermissionTester check that guards them.
PAGE_VIEW_CHECKS = {
    "wagtailadmin_pages:edit": ("page_id", "can_edit"),
    "wagtailadmin_pages:delete": ("page_id", "can_delete"),
    "wagtailadmin_pages:unpublish": ("page_id", "can_unpublish"),
    "wagtailadmin_pages:move": ("page_to_move_id", "can_move"),
    "wagtailadmin_pages:add": ("parent_page_id", "can_add_subpage"),
    "wagtailadmin_pages:add_subpage": ("parent_page_id", "can_add_subpage"),
}


def page_view_refused(request, view_name: str, kwargs: dict) -> bool:
    """True when Wagtail will refuse this user this page view."""
    from wagtail.models import Page

    check = PAGE_VIEW_CHECKS.get(view_name)
    user = getattr(request, "user", None)
    if check is None or user is None or not user.is_authenticated or user.is_superuser:
        return False
    key, method = check
    page = Page.objects.filter(pk=kwargs.get(key)).first()
    if page is None:
        return False
    return not getattr(page.permissions_for_user(user), method)()


class AdminRefusalLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        view_name = match.view_name if match is not None else ""
        if view_name in PAGE_VIEW_CHECKS and page_view_refused(request, view_name, view_kwargs):
            log_refusal(request, f"{view_name} on page {view_kwargs}")
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            log_refusal(request, str(exception) or "permission denied")
        return None
