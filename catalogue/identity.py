"""Seller identity: what changes it, who verifies it, and the hook for an outside check.

An outside identity check (VNeID or another provider) plugs in through the
IDENTITY_VERIFICATION_PROVIDER setting: the dotted path of a class with `name` and
`check(identity) -> ProviderAnswer`. Unset, moderators check the documents by hand.
"""

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from portal.models import page_cache_paths
from portal.page_cache import invalidate_paths

from . import versions
from .models import ProducerPage, ProductPage, SellerIdentity, SellerLicence, VerificationStatus
from .models.identity import LEGAL_FIELDS

NO_PROVIDER_MESSAGE = _("No identity verification provider is configured; check the documents by hand.")


@dataclass(frozen=True)
class ProviderAnswer:
    matches: bool
    detail: str = ""


class IdentityProvider(Protocol):
    name: str

    def check(self, identity: SellerIdentity) -> ProviderAnswer: ...


def configured_provider() -> IdentityProvider | None:
    path = getattr(settings, "IDENTITY_VERIFICATION_PROVIDER", "")
    return import_string(path)() if path else None


def identity_for(page) -> SellerIdentity | None:
    """The identity of a producer or tourism listing page, in any language."""
    if page is None:
        return None
    return SellerIdentity.objects.for_page(page).first()


def shown_changed(identity: SellerIdentity) -> None:
    """The Seller block shows on the producer's page and its products' pages: drop their cached copies."""
    business = identity.business
    if business is None:
        return
    ProducerPage.objects.filter(translation_key=business.translation_key).update(
        identity_version=F("identity_version") + 1
    )
    products = list(ProductPage.objects.filter(producer__translation_key=business.translation_key))
    versions.bump_products([p.pk for p in products])
    paths = page_cache_paths(business.specific)
    for product in products:
        paths += page_cache_paths(product)
    invalidate_paths(paths)


def save_identity(identity: SellerIdentity, *, changed_fields=()) -> bool:
    """Save a business's own edit. A change to a legal field puts the identity back before the
    moderators (unverified). Returns whether it went back to the queue."""
    back_to_queue = bool(set(changed_fields) & set(LEGAL_FIELDS)) and identity.pk is not None
    if back_to_queue:
        identity.status = VerificationStatus.UNVERIFIED
        identity.verified_at = identity.verified_by = None
        identity.changed_at = timezone.now()
    identity.full_clean()
    identity.save()
    if back_to_queue:
        transaction.on_commit(lambda: shown_changed(identity))
    return back_to_queue


def add_licence(identity: SellerIdentity, **fields) -> SellerLicence:
    """A new licence waits for a moderator, and so its seller goes back on the queue."""
    licence = SellerLicence(identity=identity, **fields)
    licence.full_clean()
    licence.save()
    SellerIdentity.objects.filter(pk=identity.pk).update(
        status=VerificationStatus.UNVERIFIED, verified_at=None, verified_by=None, changed_at=timezone.now()
    )
    return licence


@transaction.atomic
def verify_identity(identity: SellerIdentity, moderator) -> None:
    """A moderator has checked the papers (and the provider, if any): the identity and its licences are verified."""
    identity.status = VerificationStatus.VERIFIED
    identity.rejection_reason = ""
    identity.verified_at = timezone.now()
    identity.verified_by = moderator
    identity.save(update_fields=["status", "rejection_reason", "verified_at", "verified_by"])
    identity.licences.exclude(status=VerificationStatus.VERIFIED).update(status=VerificationStatus.VERIFIED)
    transaction.on_commit(lambda: shown_changed(identity))


@transaction.atomic
def reject_identity(identity: SellerIdentity, moderator, reason: str) -> None:
    if not reason.strip():
        raise ValidationError(_("Say why the identity is rejected; the business reads it."), code="no_reason")
    identity.status = VerificationStatus.REJECTED
    identity.rejection_reason = reason.strip()
    identity.verified_at = timezone.now()
    identity.verified_by = moderator
    identity.save(update_fields=["status", "rejection_reason", "verified_at", "verified_by"])
    identity.licences.filter(status=VerificationStatus.UNVERIFIED).update(status=VerificationStatus.REJECTED)
    transaction.on_commit(lambda: shown_changed(identity))


def require_verified(application) -> None:
    """Approval waits for a verified identity."""
    identity = SellerIdentity.objects.filter(application=application).first()
    if identity is None or not identity.is_verified:
        raise ValidationError(
            _("Verify the business's identity (legal name, registration, tax code) before approving it."),
            code="identity_unverified",
        )


def attach_to_business(application, page) -> None:
    """After approval: the identity belongs to the business's default-language page."""
    SellerIdentity.objects.filter(application=application, business__isnull=True).update(business=page)
