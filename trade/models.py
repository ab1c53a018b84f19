"""The supply–demand board: offers to sell, requests to buy, inquiries, notifications.

An offer and a request share most fields (`BoardPost`); each has its own table so that
their lists, admin and search stay simple. A post is *open* when a moderator (or a trusted
poster) has published it and its end date has not passed: `Offer.objects.open()` applies
the date rule at query time, and the `close_expired_posts` task writes it down.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal import quantities as portal_quantities
from portal.places import Place, province_name, validate_coordinates, validate_ward, ward_name

# Prices above this (per unit) are refused: a typo, not a trade. 100 billion đồng.
MAX_PRICE_PER_UNIT = 100_000_000_000
# Quantities above this, in the unit family's base unit (kg, litre, piece…), are absurd.
MAX_BASE_QUANTITY = Decimal("100000000")  # 100,000 tonnes or 100 million pieces


class Unit(models.TextChoices):
    KG = "kg", _("kg")
    TONNE = "tonne", _("tonne")
    LITRE = "litre", _("litre")
    PIECE = "piece", _("piece")
    BOX = "box", _("box")
    BAG = "bag", _("bag")
    ROLL = "roll", _("roll")
    SQUARE_METRE = "m2", _("m²")


def quantity_with_unit(quantity, unit: str) -> str:
    """ "20 tonnes", "1 tonne", "2.5 tonnes", "500 kg": the board's units are named by their noun."""
    return portal_quantities.quantity_with_unit(quantity, unit, Unit(unit).label)


# Units convertible into one another share a family; the factor converts to its base unit.
UNIT_FAMILY = {
    Unit.KG: ("mass", Decimal(1)),
    Unit.TONNE: ("mass", Decimal(1000)),
    Unit.LITRE: ("volume", Decimal(1)),
    Unit.PIECE: ("piece", Decimal(1)),
    Unit.BOX: ("box", Decimal(1)),
    Unit.BAG: ("bag", Decimal(1)),
    Unit.ROLL: ("roll", Decimal(1)),
    Unit.SQUARE_METRE: ("area", Decimal(1)),
}


def unit_family(unit: str) -> tuple[str, Decimal]:
    return UNIT_FAMILY.get(unit, (unit, Decimal(1)))


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    OPEN = "open", _("Open")
    HIDDEN = "hidden", _("Hidden by a moderator")
    CLOSED = "closed", _("Closed")


def local_today():
    return timezone.localdate()


class BoardPostQuerySet(models.QuerySet):
    def open(self):
        """Published and not past its end date: what the public board lists."""
        end = self.model.END_DATE_FIELD
        return self.filter(status=Status.OPEN, **{f"{end}__gte": local_today()})

    def expired(self):
        """Still marked open although the end date has passed (the task closes these)."""
        end = self.model.END_DATE_FIELD
        return self.filter(status=Status.OPEN, **{f"{end}__lt": local_today()})

    def pending(self):
        return self.filter(status=Status.PENDING)

    def owned_by(self, user):
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def with_related(self):
        return self.select_related("owner", "category", "area", "producer")


class BoardPost(Place):
    """What offers and requests have in common."""

    KIND = ""
    END_DATE_FIELD = ""
    # The columns a post's card shows (trade/includes/post_card.html), with END_DATE_FIELD.
    CARD_FIELDS = ("title_vi", "title_en", "status", "quantity", "unit", "price_per_unit", "address", "province_code")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.CASCADE, related_name="+"
    )
    producer = models.ForeignKey(
        "catalogue.ProducerPage",
        verbose_name=_("business"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The business this post speaks for, if any."),
    )
    title_vi = models.CharField(_("title in Vietnamese"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description_vi = models.TextField(_("description in Vietnamese"), blank=True, validators=[MaxLengthValidator(5000)])
    description_en = models.TextField(_("description in English"), blank=True, validators=[MaxLengthValidator(5000)])
    # Categories are pages in every language; posts point at the default-language page and
    # display the translation by its translation_key.
    category = models.ForeignKey(
        "catalogue.CategoryPage",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    # Quantity in the unit family's base unit (kg for kg and tonnes): filters and matching.
    base_quantity = models.DecimalField(max_digits=18, decimal_places=3, editable=False, default=0)
    price_per_unit = models.PositiveBigIntegerField(
        _("price per unit (đồng)"), null=True, blank=True, help_text=_("Leave empty for a negotiable price.")
    )
    province_code = models.PositiveIntegerField(_("province"), default=0)
    ward_code = models.PositiveIntegerField(_("ward or commune"), null=True, blank=True)
    # area and latitude/longitude: portal.places.Place; a post's address may be a place's name.
    address = models.CharField(_("address or place"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # The language the poster used: e-mails to them about this post are written in it.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="vi", editable=False)
    created_at = models.DateTimeField(_("posted"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BoardPostQuerySet.as_manager()

    # Within the province for offers; a buyer may want delivery anywhere in the country.
    COORDINATES_WITHIN_PROVINCE = True

    class Meta:
        abstract = True
        ordering = ["-published_at", "-created_at"]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        if not self.province_code:
            self.province_code = settings.PROVINCE_CODE
        if self.quantity is not None and self.unit:
            self.base_quantity = Decimal(self.quantity) * unit_family(self.unit)[1]
        if self.status == Status.OPEN and self.published_at is None:
            self.published_at = timezone.now()
        # Without exact coordinates, place the post at its area's centre for distances.
        if self.latitude is None and self.longitude is None and self.area_id:
            self.latitude, self.longitude = self.area.latitude, self.area.longitude
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(f"trade:{self.KIND}_detail", args=[self.pk])

    @property
    def quantity_label(self) -> str:
        """The quantity with its unit ("500 kg") in the active language, as cards, tables and search show it."""
        if self.quantity is None or not self.unit:
            return ""
        return quantity_with_unit(self.quantity, self.unit)

    def get_edit_url(self):
        return reverse(f"trade:{self.KIND}_edit", args=[self.pk])

    def get_json_ld(self, request) -> dict:
        """schema.org Offer (to sell) or Demand (to buy), built in Python for base.html."""
        data = {
            "@context": "https://schema.org",
            "@type": "Offer" if self.KIND == "offer" else "Demand",
            "name": self.display_title,
            "description": self.display_description[:500],
            "url": request.build_absolute_uri(self.get_absolute_url()),
            "eligibleQuantity": {
                "@type": "QuantitativeValue",
                "value": float(self.quantity),
                "unitText": str(self.get_unit_display()),
            },
            "areaServed": self.province_name,
        }
        if self.price_per_unit is not None:
            data["priceSpecification"] = {
                "@type": "UnitPriceSpecification",
                "price": self.price_per_unit,
                "priceCurrency": "VND",
                "referenceQuantity": {
                    "@type": "QuantitativeValue",
                    "value": 1,
                    "unitText": str(self.get_unit_display()),
                },
            }
        start, end = self.window()
        data["availabilityStarts"], data["availabilityEnds"] = start.isoformat(), end.isoformat()
        return data

    # --- language -------------------------------------------------------------------

    def _in_language(self, field: str) -> str:
        vi, en = getattr(self, f"{field}_vi"), getattr(self, f"{field}_en")
        if (translation.get_language() or "vi").startswith("en"):
            return en or vi
        return vi or en

    @property
    def display_title(self) -> str:
        return self._in_language("title")

    @property
    def display_description(self) -> str:
        return self._in_language("description")

    # --- state ----------------------------------------------------------------------

    @property
    def end_date(self):
        return getattr(self, self.END_DATE_FIELD)

    @property
    def is_expired(self) -> bool:
        return self.end_date is not None and self.end_date < local_today()

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN and not self.is_expired

    @property
    def effective_status(self) -> str:
        """What a reader should be told: an open post past its end date is closed."""
        return Status.CLOSED if self.status == Status.OPEN and self.is_expired else self.status

    def get_effective_status_display(self) -> str:
        return Status(self.effective_status).label

    @property
    def is_negotiable(self) -> bool:
        return self.price_per_unit is None

    @property
    def ward_name(self) -> str:
        return ward_name(self.ward_code)

    @property
    def province_name(self) -> str:
        return province_name(self.province_code) if self.province_code else ""

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def window(self):
        """(start, end) dates during which this post stands."""
        raise NotImplementedError

    # --- validation -----------------------------------------------------------------

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if not (self.title_vi or "").strip() and not (self.title_en or "").strip():
            errors.setdefault("title_vi", []).append(
                ValidationError(_("Give a title in Vietnamese or English."), code="title_missing")
            )
        if self.quantity is not None:
            if self.quantity <= 0:
                errors.setdefault("quantity", []).append(
                    ValidationError(_("The quantity must be more than zero."), code="quantity_not_positive")
                )
            elif self.unit and self.quantity * unit_family(self.unit)[1] > MAX_BASE_QUANTITY:
                errors.setdefault("quantity", []).append(
                    ValidationError(
                        _("This quantity is too large to be a real trade. Check the number and the unit."),
                        code="quantity_absurd",
                    )
                )
        if self.price_per_unit is not None and self.price_per_unit > MAX_PRICE_PER_UNIT:
            errors.setdefault("price_per_unit", []).append(
                ValidationError(
                    _("The price per unit cannot be more than 100,000,000,000 đồng."), code="price_too_large"
                )
            )
        try:
            validate_coordinates(self.latitude, self.longitude, within_province=self.COORDINATES_WITHIN_PROVINCE)
        except ValidationError as error:
            errors.setdefault("latitude", []).extend(error.error_list)
        try:
            validate_ward(self.ward_code, self.province_code or None)
        except ValidationError as error:
            errors.setdefault("ward_code", []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)


class Offer(BoardPost):
    """A business offers to sell a product or something of a category."""

    KIND = "offer"
    END_DATE_FIELD = "available_until"

    product = models.ForeignKey(
        "catalogue.ProductPage",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    min_order = models.DecimalField(
        _("minimum order"), max_digits=14, decimal_places=3, null=True, blank=True, help_text=_("In the same unit.")
    )
    available_from = models.DateField(_("available from"), default=local_today)
    available_until = models.DateField(_("available until"))

    class Meta(BoardPost.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [models.Index(fields=["status", "available_until"], name="trade_offer_open")]

    def window(self):
        return self.available_from, self.available_until

    @property
    def min_order_label(self) -> str:
        """The minimum order with its unit, plural where English needs it ("2 tonnes")."""
        return quantity_with_unit(self.min_order, self.unit) if self.min_order else ""

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.available_from and self.available_until and self.available_until < self.available_from:
            errors.setdefault("available_until", []).append(
                ValidationError(_("The end date is before the start date."), code="end_before_start")
            )
        elif self.available_until and self.available_until < local_today():
            errors.setdefault("available_until", []).append(
                ValidationError(_("The end date has already passed."), code="end_past")
            )
        if self.min_order is not None:
            if self.min_order <= 0:
                errors.setdefault("min_order", []).append(
                    ValidationError(_("The minimum order must be more than zero."), code="min_order_not_positive")
                )
            elif self.quantity is not None and self.min_order > self.quantity:
                errors.setdefault("min_order", []).append(
                    ValidationError(
                        _("The minimum order cannot be more than the quantity offered."), code="min_order_too_large"
                    )
                )
        if errors:
            raise ValidationError(errors)


class Request(BoardPost):
    """A buyer needs something: how much, at what price, by when, delivered where."""

    KIND = "request"
    END_DATE_FIELD = "deadline"
    COORDINATES_WITHIN_PROVINCE = False

    deadline = models.DateField(_("needed by"))

    class Meta(BoardPost.Meta):
        verbose_name = _("request to buy")
        verbose_name_plural = _("requests to buy")
        indexes = [models.Index(fields=["status", "deadline"], name="trade_request_open")]

    def window(self):
        start = timezone.localtime(self.published_at or self.created_at).date()
        return min(start, self.deadline), self.deadline

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.deadline and self.deadline < local_today():
            errors.setdefault("deadline", []).append(
                ValidationError(_("The deadline has already passed."), code="deadline_past")
            )
        if errors:
            raise ValidationError(errors)


class OfferPhoto(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("offer photo")

    def __str__(self):
        return str(self.image)


class BoardProfile(models.Model):
    """How a board user is shown and reached, and what has been verified about them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_profile")
    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email_verified = models.BooleanField(_("e-mail verified"), default=False)
    email_verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by a moderator after a call-back: there is no SMS gateway.
    phone_verified = models.BooleanField(_("phone verified"), default=False)

    class Meta:
        verbose_name = _("board profile")
        verbose_name_plural = _("board profiles")

    def __str__(self):
        return self.display_name or self.user.get_username()

    @property
    def is_verified(self) -> bool:
        return self.email_verified or self.phone_verified


class Inquiry(models.Model):
    """A signed-in user's message about a post, and the poster's answer.

    Contact details of both sides are shown to the other only once `answered_at` is set.
    """

    offer = models.ForeignKey(Offer, null=True, blank=True, on_delete=models.CASCADE, related_name="inquiries")
    request = models.ForeignKey(Request, null=True, blank=True, on_delete=models.CASCADE, related_name="inquiries")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), validators=[MaxLengthValidator(2000)])
    answer = models.TextField(_("answer"), blank=True, validators=[MaxLengthValidator(2000)])
    # The language the sender wrote in: the e-mail telling them of the answer uses it.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="vi", editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(offer__isnull=False, request__isnull=True)
                | models.Q(offer__isnull=True, request__isnull=False),
                name="trade_inquiry_one_post",
            )
        ]

    def __str__(self):
        return f"{self.sender} → {self.post}"

    def get_absolute_url(self):
        return reverse("trade:inquiry_detail", args=[self.pk])

    @property
    def post(self) -> BoardPost:
        return self.offer if self.offer_id else self.request

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class Notification(models.Model):
    """A new post on the other side matched one of the user's posts well."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="+")
    # Which of the two is the user's own post.
    own_kind = models.CharField(max_length=10, choices=[("offer", _("offer")), ("request", _("request to buy"))])
    score = models.FloatField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("match notification")
        verbose_name_plural = _("match notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "offer", "request"], name="trade_notification_once"),
        ]

    def __str__(self):
        return f"{self.user}: {self.offer} ↔ {self.request}"

    @property
    def own_post(self) -> BoardPost:
        return self.offer if self.own_kind == "offer" else self.request

    @property
    def matched_post(self) -> BoardPost:
        return self.request if self.own_kind == "offer" else self.offer

    @property
    def score_percent(self) -> int:
        return round(self.score * 100)
