"""Where a person lands after signing in: a business in its workspace, staff in the admin.

Moderators, editors and superusers keep the Wagtail admin as their home; a user whose only
role is running a business goes to /{lang}/seller/ (it may still open the admin itself).
An explicit `next` other than the admin's home is always honoured.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from wagtail.admin.views.account import LoginView as WagtailLoginView
from wagtail.users.models import UserProfile

from catalogue.permissions import is_province_staff, managed_producer_keys
from tourism.permissions import listing_keys_for_user

# Editors keep the admin as their home, as the province's own people do.
EDITORS_GROUP = "Editors"


def runs_a_business(user) -> bool:
    """A producer (its producer page) or a tourism business (its listing)."""
    return bool(managed_producer_keys(user) or listing_keys_for_user(user))


def is_business_only(user) -> bool:
    """True for a signed-in user who manages a business and has no province role."""
    if not (user and user.is_authenticated) or is_province_staff(user):
        return False
    if user.groups.filter(name=EDITORS_GROUP).exists():
        return False
    return runs_a_business(user)


def workspace_url(user, language: str | None = None) -> str:
    """/{lang}/seller/ in the user's preferred language (else the active one, else the default)."""
    codes = {code for code, _name in settings.LANGUAGES}
    preferred = UserProfile.get_for_user(user).preferred_language
    language = next(
        (c for c in (preferred, language, translation.get_language(), settings.LANGUAGE_CODE) if c in codes),
        settings.LANGUAGE_CODE,
    )
    with translation.override(language):
        return reverse("seller:today")


def landing_url(user, requested: str) -> str:
    """`requested` (a safe `next`, or "") unless it is just the admin's home and the user is a business."""
    admin_home = reverse("wagtailadmin_home")
    if requested and requested != admin_home:
        return requested
    if is_business_only(user):
        return workspace_url(user)
    return requested or admin_home


class AdminLoginView(WagtailLoginView):
    """Wagtail's sign-in page, sending businesses to their workspace."""

    def get_success_url(self):
        return landing_url(self.request.user, self.get_redirect_url())


class WorkspaceLoginView(auth_views.LoginView):
    """The workspace's start page: sign in, or apply to sell (a signed-in business goes straight in)."""

    template_name = "seller/sign_in.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated and runs_a_business(request.user):
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def get_success_url(self):
        requested = self.get_redirect_url()
        if requested:
            return requested
        user = self.request.user
        if runs_a_business(user):
            return reverse("seller:today")
        if is_province_staff(user):
            return reverse("wagtailadmin_home")
        return f"/{translation.get_language()}/"
