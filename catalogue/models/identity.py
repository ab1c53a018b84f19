"""Who a business is in law: one record per business (a producer or a tourism listing), shared by its
pages in every language, with the licences its conditional goods need. Moderators verify it before
approval; changing a legal field later puts it back before them (`catalogue.identity`)."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.tax_codes import normalise_tax_code


def private_storage():
    """Licence scans: outside MEDIA_ROOT, served only by `catalogue.identity_views.licence_scan`."""
    return storages["private"]


class LegalForm(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    HOUSEHOLD = "household", _("Household business")
    COOPERATIVE = "cooperative", _("Cooperative")


class VerificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Not verified yet")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class LicenceKind(models.TextChoices):
    """Licences for conditional goods (Decree 105/2017 on alcohol, food-safety certificates…)."""

    ALCOHOL_PRODUCTION = "alcohol_production", _("Licence to produce alcohol")
    ALCOHOL_TRADE = "alcohol_trade", _("Licence to sell alcohol")
    FOOD_SAFETY = "food_safety", _("Food safety eligibility certificate")
    TOBACCO = "tobacco", _("Tobacco trading licence")
    TRADITIONAL_MEDICINE = "traditional_medicine", _("Licence for traditional medicines")
    OTHER = "other", _("Other licence")


# Changing one of these after verification needs a moderator's look again.
LEGAL_FIELDS = ("legal_name", "legal_form", "registration_number", "tax_code", "registered_address", "representative")


class SellerIdentityQuerySet(models.QuerySet):
    def for_page(self, page):
        """The identity of a producer or listing page in any language (they share a translation key)."""
        return self.filter(business__translation_key=page.translation_key)

    def awaiting_check(self):
        return self.filter(status=VerificationStatus.UNVERIFIED)


class SellerIdentity(models.Model):
    legal_name = models.CharField(_("legal name"), max_length=255)
    legal_form = models.CharField(_("kind of business"), max_length=20, choices=LegalForm.choices)
    registration_number = models.CharField(
        _("business or household registration number"),
        max_length=30,
        help_text=_("The number on the enterprise, cooperative or household business registration certificate."),
    )
    tax_code = models.CharField(_("tax code"), max_length=14, help_text=_("10 digits, or 13 for a branch."))
    registered_address = models.CharField(_("registered address"), max_length=255)
    representative = models.CharField(_("legal representative"), max_length=120)

    status = models.CharField(
        _("verification"), max_length=12, choices=VerificationStatus.choices, default=VerificationStatus.UNVERIFIED
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    application = models.OneToOneField(
        "catalogue.BusinessApplication",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="identity",
    )
    # The default-language producer page or tourism listing, once approved.
    business = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("business page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seller_identity",
    )

    objects = SellerIdentityQuerySet.as_manager()

    class Meta:
        verbose_name = _("seller identity")
        verbose_name_plural = _("seller identities")
        ordering = ["status", "-changed_at"]

    def __str__(self):
        return self.legal_name

    def clean(self):
        from django.core.exceptions import ValidationError

        try:
            self.tax_code = normalise_tax_code(self.tax_code)
        except ValidationError as error:
            raise ValidationError({"tax_code": error.messages}) from error

    @property
    def is_verified(self) -> bool:
        return self.status == VerificationStatus.VERIFIED

    def valid_licence(self, kind: str, on=None):
        """A licence of `kind` valid on `on` (today), if any."""
        on = on or timezone.localdate()
        return (
            self.licences.filter(kind=kind, status=VerificationStatus.VERIFIED)
            .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on))
            .first()
        )


def licence_scan_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"licences/{instance.identity_id}/{timezone.now():%Y%m%d%H%M%S}.{extension}"


class SellerLicence(models.Model):
    identity = models.ForeignKey(
        SellerIdentity, verbose_name=_("seller"), on_delete=models.CASCADE, related_name="licences"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=LicenceKind.choices)
    number = models.CharField(_("number"), max_length=60)
    issuer = models.CharField(_("issued by"), max_length=200)
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty if it does not expire."))
    scan = models.FileField(_("scan"), upload_to=licence_scan_path, storage=private_storage, blank=True)
    status = models.CharField(
        _("verification"), max_length=12, choices=VerificationStatus.choices, default=VerificationStatus.UNVERIFIED
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["kind", "-valid_until"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()
