"""The Content-Security-Policy: the site's strict policy everywhere, the admin's own under /admin/."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp 4 has one policy per site; the Wagtail admin gets ADMIN_CONTENT_SECURITY_POLICY
    (it differs in what the editor's preview and uploads need, see portal/settings/base.py)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path.startswith(_admin_prefix()):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
