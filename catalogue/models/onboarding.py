"""Business sign-up: an application waits until a moderator approves it in the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.places import validate_ward

from .pages import BusinessType


class TourismBusinessType(models.TextChoices):
    """Tourism businesses apply through the same form; approval gives them a tourism listing
    (tourism.onboarding), not a producer page."""

    HOTEL = "hotel", _("Hotel or resort")
    HOMESTAY = "homestay", _("Homestay")
    RESTAURANT = "restaurant", _("Restaurant")
    TOUR_OPERATOR = "tour_operator", _("Tour operator")
    ATTRACTION_OPERATOR = "attraction_operator", _("Attraction operator")


APPLICATION_TYPE_CHOICES = [
    (_("Producers"), BusinessType.choices),
    (_("Tourism"), TourismBusinessType.choices),
]


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class BusinessApplicationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ApplicationStatus.PENDING)


class BusinessApplication(models.Model):
    """What a business tells us when it asks to sell on the site."""

    business_name = models.CharField(_("business name"), max_length=200)
    business_name_en = models.CharField(_("business name in English"), max_length=200, blank=True)
    business_type = models.CharField(_("business type"), max_length=20, choices=APPLICATION_TYPE_CHOICES)
    contact_name = models.CharField(_("contact person"), max_length=120)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30)
    area = models.ForeignKey(
        "portal.Area", verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ward_code = models.PositiveIntegerField(_("ward or commune"), null=True, blank=True, validators=[validate_ward])
    address = models.CharField(_("street address"), max_length=255, blank=True)
    summary = models.CharField(_("what you make or offer"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Filled in by onboarding.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sign-in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="business_applications",
    )
    producer = models.ForeignKey(
        "catalogue.ProducerPage",
        verbose_name=_("producer page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listing = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("tourism listing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BusinessApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("business application")
        verbose_name_plural = _("business applications")
        ordering = ["-submitted_at"]
        permissions = [("approve_businessapplication", _("Can approve business applications"))]

    def __str__(self):
        return self.business_name

    @property
    def is_pending(self) -> bool:
        return self.status == ApplicationStatus.PENDING

    @property
    def is_tourism(self) -> bool:
        return self.business_type in TourismBusinessType.values
