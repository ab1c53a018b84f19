"""What follows a verified phone (guest orders with that phone join the account) and a sign-in
(recorded with its time and channel: the sign-in history of the data download)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import services
from .models import SignIn
from .signals import phone_verified


@receiver(phone_verified, dispatch_uid="accounts.claim_guest_orders")
def claim_orders_of_verified_phone(sender, user, phone, **kwargs):
    services.claim_guest_orders(user)


def sign_in_channel(request) -> str:
    """How the person signed in, from the page they used: the admin, a code, sign-up, or a password."""
    path = getattr(request, "path", "") or ""
    if not path:
        return "other"
    if path.startswith("/admin/"):
        return "admin"
    if "/code/" in path:
        return "code"
    if "/signup/" in path:
        return "signup"
    if "/password/reset/" in path:
        return "password_reset"
    if "/confirm-email/" in path or "/phone/" in path:
        return "verification"
    return "password"


@receiver(user_logged_in, dispatch_uid="accounts.record_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    SignIn.objects.create(user=user, channel=sign_in_channel(request))
