"""A visitor's own trip: attractions, places and festivals put in order by day.

Kept in the account of a signed-in visitor; a visitor without one keeps the same list in the
browser (tourism/static/tourism/trip.js) and it moves here on the next visit signed in.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_TRIP_DAYS = 30
MAX_TRIP_STOPS = 60


class Trip(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="trip"
    )
    start_date = models.DateField(_("first day"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("trip")
        verbose_name_plural = _("trips")

    def __str__(self) -> str:
        return str(_("Trip of %(user)s") % {"user": self.user})


class TripStop(models.Model):
    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="stops")
    # An attraction, place or festival page in any language (shown in the visitor's).
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")
    day = models.PositiveSmallIntegerField(
        _("day"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_TRIP_DAYS)]
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("trip stop")
        verbose_name_plural = _("trip stops")
        ordering = ["day", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["trip", "page"], name="trip_stop_once")]

    def __str__(self) -> str:
        return f"{self.page_id} (day {self.day})"
