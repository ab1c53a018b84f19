"""Festivals and events, dated on the solar calendar or on the lunar one (recurring yearly)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal.models import BasePage
from portal.places import Place

from .. import lunar
from ..blocks import PROGRAMME_BLOCKS
from .common import validate_page_coordinates


class CalendarKind(models.TextChoices):
    SOLAR = "solar", _("Solar (Gregorian) calendar")
    LUNAR = "lunar", _("Lunar calendar")


@dataclass(frozen=True)
class Occurrence:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _same_day_in_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


class EventPage(Place, BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    calendar = models.CharField(_("calendar"), max_length=10, choices=CalendarKind.choices, default="lunar")
    recurs_yearly = models.BooleanField(_("every year"), default=True)
    start_date = models.DateField(_("start date"), null=True, blank=True, help_text=_("Solar calendar only."))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Solar calendar only."))
    lunar_year = models.PositiveSmallIntegerField(
        _("lunar year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2199)],
        help_text=_("Leave empty for a festival held every year."),
    )
    lunar_month = models.PositiveSmallIntegerField(
        _("lunar month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    lunar_day = models.PositiveSmallIntegerField(
        _("lunar day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    lunar_leap = models.BooleanField(_("in the leap month"), default=False)
    lunar_end_month = models.PositiveSmallIntegerField(
        _("lunar end month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    lunar_end_day = models.PositiveSmallIntegerField(
        _("lunar end day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    place = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("held at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The attraction where it takes place, if it has a page."),
    )
    place_name = models.CharField(_("place name"), max_length=255, blank=True)
    # area, address, latitude and longitude: portal.places.Place
    programme = StreamField(PROGRAMME_BLOCKS, blank=True, verbose_name=_("programme"))
    body = RichTextField(_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("programme"),
        InlinePanel("festival_products", label=_("Products made or eaten for it")),
    ]
    date_panels = [
        FieldRowPanel([FieldPanel("calendar"), FieldPanel("recurs_yearly")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Solar dates")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("lunar_day"), FieldPanel("lunar_month"), FieldPanel("lunar_leap")]),
                FieldRowPanel([FieldPanel("lunar_end_day"), FieldPanel("lunar_end_month")]),
                FieldPanel("lunar_year"),
            ],
            heading=_("Lunar dates"),
        ),
    ]
    place_panels = [
        PageChooserPanel("place", ["tourism.AttractionPage", "tourism.PlacePage"]),
        FieldPanel("place_name"),
        FieldPanel("area"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(date_panels, heading=_("Dates")),
            ObjectList(place_panels, heading=_("Place")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "calendar",
            "recurs_yearly",
            "start_date",
            "end_date",
            "lunar_year",
            "lunar_month",
            "lunar_day",
            "lunar_leap",
            "lunar_end_month",
            "lunar_end_day",
            "latitude",
            "longitude",
        )
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("place_name"),
        index.FilterField("calendar"),
        index.FilterField("area"),
        index.FilterField("locale"),
    ]
    api_fields = ["intro", "calendar", "start_date", "end_date", "lunar_month", "lunar_day", "latitude", "longitude"]

    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types: list = []
    template = "tourism/event_page.html"

    class Meta:
        verbose_name = _("festival or event")
        verbose_name_plural = _("festivals and events")

    kind = "event"

    @property
    def type_label(self) -> str:
        return str(_("Festival"))

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def get_og_image(self):
        return self.image

    # --- Validation -------------------------------------------------------------------

    def clean(self):
        super().clean()
        if self.place_id and self.latitude is None and self.longitude is None:
            place = self.place.specific
            self.latitude, self.longitude = getattr(place, "latitude", None), getattr(place, "longitude", None)
            if not self.area_id and getattr(place, "area_id", None):
                self.area_id = place.area_id
        validate_page_coordinates(self)
        if self.calendar == CalendarKind.SOLAR:
            self._clean_solar()
        else:
            self._clean_lunar()

    def _clean_solar(self):
        if not self.start_date:
            raise ValidationError({"start_date": _("Give the first day of the event.")})
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The event cannot end before it starts.")})

    def _clean_lunar(self):
        errors = {}
        if not self.lunar_month:
            errors["lunar_month"] = _("Give the lunar month.")
        if not self.lunar_day:
            errors["lunar_day"] = _("Give the lunar day.")
        if errors:
            raise ValidationError(errors)
        if bool(self.lunar_end_month) != bool(self.lunar_end_day):
            raise ValidationError({"lunar_end_day": _("Give both the lunar end day and month, or neither.")})
        if self.lunar_year is None:
            if not self.recurs_yearly:
                raise ValidationError({"lunar_year": _("Give the lunar year of a one-off event.")})
            if self.lunar_leap:
                raise ValidationError(
                    {
                        "lunar_leap": _(
                            "A leap month does not come every year: give the lunar year of an event in a leap month."
                        )
                    }
                )
            return
        try:
            start = lunar.lunar_to_solar(self.lunar_year, self.lunar_month, self.lunar_day, self.lunar_leap)
        except ValidationError as error:
            raise ValidationError({"lunar_day": error.messages}) from error
        if self.lunar_end_month:
            end_leap = self.lunar_leap and self.lunar_end_month == self.lunar_month
            try:
                end = lunar.lunar_to_solar(self.lunar_year, self.lunar_end_month, self.lunar_end_day, end_leap)
            except ValidationError as error:
                raise ValidationError({"lunar_end_day": error.messages}) from error
            if end < start:
                raise ValidationError({"lunar_end_day": _("The event cannot end before it starts.")})

    # --- Dates ------------------------------------------------------------------------

    def _lunar_occurrence(self, lunar_year: int) -> Occurrence:
        end_month, end_day = self.lunar_end_month or self.lunar_month, self.lunar_end_day or self.lunar_day
        if self.lunar_year is not None:
            start = lunar.lunar_to_solar(lunar_year, self.lunar_month, self.lunar_day, self.lunar_leap)
            end_leap = self.lunar_leap and end_month == self.lunar_month
            end = lunar.lunar_to_solar(lunar_year, end_month, end_day, end_leap)
            return Occurrence(start, end)
        start = lunar.recurring_lunar_to_solar(lunar_year, self.lunar_month, self.lunar_day)
        end = lunar.recurring_lunar_to_solar(lunar_year, end_month, end_day)
        if end < start:  # runs over the lunar new year
            end = lunar.recurring_lunar_to_solar(lunar_year + 1, end_month, end_day)
        return Occurrence(start, end)

    def occurrences(self, years: range) -> list[Occurrence]:
        """Occurrences whose solar start falls in the given years (one-off events: at most one)."""
        if self.calendar == CalendarKind.SOLAR:
            if not self.start_date:
                return []
            end = self.end_date or self.start_date
            if not self.recurs_yearly:
                return [Occurrence(self.start_date, end)] if self.start_date.year in years else []
            length = end - self.start_date
            found = []
            for year in years:
                start = _same_day_in_year(self.start_date, year)
                found.append(Occurrence(start, start + length))
            return found
        if not (self.lunar_month and self.lunar_day):
            return []
        lunar_years = [self.lunar_year] if self.lunar_year is not None else range(years.start - 1, years.stop)
        found = []
        for lunar_year in lunar_years:
            try:
                occurrence = self._lunar_occurrence(lunar_year)
            except ValidationError:
                continue
            if occurrence.start.year in years:
                found.append(occurrence)
        return found

    def occurrence_after(self, day: date) -> Occurrence | None:
        """The occurrence under way on `day`, or the next one to start after it."""
        for occurrence in sorted(self.occurrences(range(day.year - 1, day.year + 3)), key=lambda o: o.start):
            if occurrence.end >= day:
                return occurrence
        return None

    @cached_property
    def next_occurrence(self) -> Occurrence | None:
        return self.occurrence_after(timezone.localdate())

    @property
    def lunar_label(self) -> str:
        """“Day 22 of month 8 (lunar)” for display; empty for solar events."""
        if self.calendar != CalendarKind.LUNAR or not self.lunar_month:
            return ""
        if self.lunar_end_month and (self.lunar_end_month, self.lunar_end_day) != (self.lunar_month, self.lunar_day):
            return _("From day %(day)s of lunar month %(month)s to day %(end_day)s of lunar month %(end_month)s") % {
                "day": self.lunar_day,
                "month": self.lunar_month,
                "end_day": self.lunar_end_day,
                "end_month": self.lunar_end_month,
            }
        return _("Day %(day)s of lunar month %(month)s") % {"day": self.lunar_day, "month": self.lunar_month}

    def get_json_ld(self, request):
        data = {
            **self.json_ld_thing(request, "Event"),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
        }
        if self.intro:
            data["description"] = self.intro
        occurrence = self.next_occurrence
        if occurrence:
            data["startDate"] = occurrence.start.isoformat()
            data["endDate"] = occurrence.end.isoformat()
        location = {
            "@type": "Place",
            "name": self.place_name or self.title,
            "address": {"@type": "PostalAddress", "addressRegion": "Thanh Hóa", "addressCountry": "VN"},
        }
        if self.area_id:
            location["address"]["addressLocality"] = self.area.name
        if self.has_coordinates:
            location["geo"] = {"@type": "GeoCoordinates", "latitude": self.latitude, "longitude": self.longitude}
        data["location"] = location
        if self.image and request is not None:
            data["image"] = request.build_absolute_uri(self.image.get_rendition("fill-1200x630").url)
        return data


class FestivalProduct(Orderable):
    """A local product traditionally made or eaten for the festival, chosen by an editor."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="festival_products")
    product = models.ForeignKey(
        "catalogue.ProductPage", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("why"), max_length=255, blank=True, help_text=_("E.g. offered at the altar on day 1."))

    panels = [PageChooserPanel("product", "catalogue.ProductPage"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("festival product")
        verbose_name_plural = _("festival products")


def may_occur_between(events, start: date, until: date):
    """Leave out, in SQL, one-off events that cannot fall between `start` and `until`: past
    one-off festivals pile up over the years, the yearly ones are a bounded set."""
    one_off_solar = models.Q(start_date__lte=until) & (
        models.Q(end_date__gte=start) | models.Q(end_date__isnull=True, start_date__gte=start)
    )
    lunar = models.Q(lunar_year__isnull=True) | models.Q(lunar_year__gte=start.year - 1, lunar_year__lte=until.year)
    return events.filter(
        models.Q(calendar=CalendarKind.SOLAR) & (models.Q(recurs_yearly=True) | one_off_solar)
        | models.Q(calendar=CalendarKind.LUNAR) & lunar
    )


def upcoming_events(events, today: date, until: date | None = None) -> list[tuple["EventPage", Occurrence]]:
    """(event, occurrence) pairs under way on `today` or starting before `until`, soonest first."""
    until = until or today + timedelta(days=366)
    if isinstance(events, models.QuerySet):
        events = may_occur_between(events, today, until)
    pairs = []
    for event in events:
        for occurrence in event.occurrences(range(today.year - 1, until.year + 1)):
            if occurrence.end >= today and occurrence.start <= until:
                pairs.append((event, occurrence))
    return sorted(pairs, key=lambda pair: (pair[1].start, pair[0].title))


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    return date(day.year + month_index // 12, month_index % 12 + 1, 1)


def events_calendar(events, *, today: date | None = None, months: int = 12) -> list[tuple[date, list]]:
    """Festivals under way or starting within `months` months, grouped by the month they start in.

    Returns [(first day of month, [(event, occurrence), …]), …] for months that have events.
    """
    today = today or timezone.localdate()
    until = _add_months(today, months)
    grouped: dict[date, list[tuple[EventPage, Occurrence]]] = {}
    for event, occurrence in upcoming_events(events.select_related("area", "image"), today, until):
        month = max(occurrence.start, today).replace(day=1)
        grouped.setdefault(month, []).append((event, occurrence))
    return sorted(grouped.items())
