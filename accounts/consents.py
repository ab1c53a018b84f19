"""Consents: what a person agreed to, under which policy version, when and where (issue 22).

Other apps record a consent with `record_consent` when their form is sent (sign-up, checkout,
the board's post form, a business application); the "my data" page withdraws them.
"""

from django.db import transaction
from django.utils import timezone, translation

from portal.policies import PolicyKind, version_in_force

from .models import WITHDRAWABLE_PURPOSES, Channel, Consent, Purpose

__all__ = ["Channel", "Consent", "Purpose", "record_consent", "withdraw_consent", "has_consent"]


def record_consent(
    *,
    user=None,
    order=None,
    subject_label: str = "",
    purpose: str,
    channel: str,
    policy_kind: str = PolicyKind.PRIVACY,
    request=None,
) -> Consent:
    """Record that `user` (or, for a guest, the person behind `order`) consents to `purpose`
    under the version of `policy_kind` in force now. `request` gives the language of the page."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    language = getattr(request, "LANGUAGE_CODE", "") or translation.get_language() or ""
    version = version_in_force(policy_kind, language=language or None)
    return Consent.objects.create(
        user=user,
        order=order,
        subject_label=subject_label[:255],
        purpose=purpose,
        channel=channel,
        policy_kind=str(policy_kind),
        policy_version=version,
        policy_number=str(version.number) if version else "",
        language=language[:8],
    )


def has_consent(user, purpose: str) -> bool:
    return Consent.objects.of_user(user).active().filter(purpose=purpose).exists()


def withdraw_consent(user, purpose: str) -> int:
    """Withdraw the user's active consents for `purpose`, effective now; how many were withdrawn.
    Only purposes a person may drop while keeping the account (WITHDRAWABLE_PURPOSES)."""
    if purpose not in WITHDRAWABLE_PURPOSES:
        raise ValueError(f"{purpose!r} cannot be withdrawn on its own")
    with transaction.atomic():
        return Consent.objects.of_user(user).active().filter(purpose=purpose).update(withdrawn_at=timezone.now())
