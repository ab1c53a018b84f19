"""A shopper's or buyer's account: its phone number, saved addresses and favourites.

The account itself is Django's user (one kind of account for shoppers and the board's buyers);
e-mail addresses are allauth's. Consents, sign-ins and the register of data requests (issue 22) too.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.places import province_name, ward_name
from portal.policies import PolicyKind


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


# --- Consents and data-subject rights (issue 22) ---------------------------------------


class Purpose(models.TextChoices):
    """What a person agreed to let us do with their personal data."""

    ACCOUNT = "account", _("Keeping an account")
    ORDER = "order", _("Placing and delivering an order")
    BOARD_POST = "board_post", _("Posting on the supply–demand board")
    MARKETING_EMAIL = "marketing_email", _("News and offers by e-mail")
    SELLER_APPLICATION = "seller_application", _("Applying to sell on the exchange")


class Channel(models.TextChoices):
    """Where the consent was given."""

    SIGNUP = "signup", _("Sign-up form")
    CHECKOUT = "checkout", _("Checkout")
    BOARD_POST = "board_post", _("Board post form")
    ACCOUNT_PAGE = "account_page", _("My data page")
    APPLICATION = "application", _("Business application")


# Purposes a person may withdraw without closing the account (the others end with it).
WITHDRAWABLE_PURPOSES = (Purpose.MARKETING_EMAIL,)


class ConsentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def of_user(self, user):
        """The user's consents, including those given as a guest on orders that are now theirs."""
        return self.filter(models.Q(user=user) | models.Q(order__user=user)).distinct()


class Consent(models.Model):
    """One consent, as given: its purpose, the policy version in force then, when and where, by whom
    (an account, or a guest's order) and, once withdrawn, when. Never edited except to withdraw."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="consents"
    )
    order = models.ForeignKey("orders.Order", null=True, blank=True, on_delete=models.CASCADE, related_name="consents")
    subject_label = models.CharField(_("who"), max_length=255, blank=True)
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    policy_kind = models.CharField(_("policy"), max_length=32, choices=PolicyKind.choices)
    policy_version = models.ForeignKey(
        "portal.PolicyVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents",
        verbose_name=_("policy version accepted"),
    )
    # The version number as it was when the consent was given (kept even if the version row goes).
    policy_number = models.CharField(_("policy version"), max_length=32, blank=True)
    given_at = models.DateTimeField(_("given at"), default=timezone.now, db_index=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.get_purpose_display()} · {self.policy_kind} {self.policy_number}"


class SignIn(models.Model):
    """A sign-in to the account: when and how (password, code by text message or e-mail)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_ins")
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    channel = models.CharField(_("channel"), max_length=32)

    class Meta:
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M} {self.channel}"


class DataRequestKind(models.TextChoices):
    DOWNLOAD = "download", _("Download of my data")
    DELETE = "delete", _("Deletion of my account")
    WITHDRAW = "withdraw", _("Withdrawal of a consent")


class DataRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, now=None):
        return self.open().filter(due_at__lt=now or timezone.now())

    def register_order(self):
        """Overdue first, then open ones by deadline, then done ones, newest first."""
        now = timezone.now()
        return self.annotate(
            register_rank=models.Case(
                models.When(done_at__isnull=True, due_at__lt=now, then=models.Value(0)),
                models.When(done_at__isnull=True, then=models.Value(1)),
                default=models.Value(2),
            )
        ).order_by("register_rank", "due_at", "-received_at")


class DataRequest(models.Model):
    """The register of data-subject requests the law asks us to answer in time: what was asked,
    when, by when it is due, and when and by whom it was done."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="data_requests"
    )
    subject_label = models.CharField(_("who"), max_length=255, blank=True)
    kind = models.CharField(_("request"), max_length=16, choices=DataRequestKind.choices)
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_at = models.DateTimeField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
        help_text=_("Empty when the site did it at once on the person's own request."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")
        ordering = ["due_at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.subject_label}"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_at < timezone.now()
