"""Production refuses the demo sign-ins: every account `load_demo` makes outside production has
the public password `changeme`, and a database copied from a development server keeps them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from portal.demo import DEMO_PASSWORD


class RefuseDemoPasswordBackend:
    """An authentication backend listed before Django's own (portal/settings/production.py):
    PermissionDenied stops `authenticate()` from trying the next backend, so an account whose
    password is the demo one cannot sign in, whoever it belongs to."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password != DEMO_PASSWORD:
            return None  # the next backend decides
        if request is not None and hasattr(request, "_messages"):
            messages.error(
                request,
                _(
                    "This account still has the demo password, which this site refuses. "
                    "Ask the site's administrator to set a new password."
                ),
            )
        raise PermissionDenied

    def get_user(self, user_id):
        return None
