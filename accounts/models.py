"""A shopper's or buyer's account: its phone number, saved addresses and favourites.

The account itself is Django's user (one kind of account for shoppers and the board's buyers);
e-mail addresses are allauth's. Consents and data rights (issue 22) will live here too.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.places import province_name, ward_name


class AccountPhone(models.Model):
    """The account's phone number (national digits, portal.phones) and whether a code sent to it came back."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_phone")
    phone = models.CharField(_("phone"), max_length=16, unique=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account phone")
        verbose_name_plural = _("account phones")

    def __str__(self):
        return self.phone

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


class AddressQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user).order_by("-is_default", "-updated_at")


class Address(models.Model):
    """A saved delivery address in the 2025 units (province → ward or commune), as checkout asks for it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses")
    label = models.CharField(_("label"), max_length=60, blank=True, help_text=_("e.g. Home, Office"))
    name = models.CharField(_("full name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=16)
    province_code = models.PositiveIntegerField(_("province"))
    ward_code = models.PositiveIntegerField(_("ward or commune"))
    street = models.CharField(_("house number, street, village"), max_length=255)
    is_default = models.BooleanField(_("default address"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["-is_default", "-updated_at"]

    def __str__(self):
        return self.label or self.display

    @property
    def display(self) -> str:
        return ", ".join(p for p in (self.street, ward_name(self.ward_code), province_name(self.province_code)) if p)


class Favourite(models.Model):
    """A product, attraction or place (any Wagtail page) the user saved."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="favourite_once_per_page")]

    def __str__(self):
        return f"{self.user_id} ♥ {self.page_id}"
