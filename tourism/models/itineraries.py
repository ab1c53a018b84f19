"""Itineraries: ordered stops over several days, with distances computed from coordinates."""

from dataclasses import dataclass, field

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal.models import BasePage
from portal.places import distance_km

from ..forms import ItineraryPageForm
from .listings import AttractionPage, PlacePage


@dataclass
class StopRow:
    day: int
    page: object  # the listing in the itinerary's language (or its source if untranslated)
    note: str
    distance_km: float | None  # from the previous stop


@dataclass
class ItineraryDay:
    number: int
    stops: list[StopRow] = field(default_factory=list)

    @property
    def distance_km(self) -> float:
        return round(sum(s.distance_km or 0 for s in self.stops), 1)


class ItineraryPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    days = models.PositiveSmallIntegerField(
        _("number of days"), default=1, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    body = RichTextField(_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("days"),
        FieldPanel("body"),
        InlinePanel("stops", label=_("Stops"), min_num=1),
    ]
    override_translatable_fields = [SynchronizedField("days", overridable=False)]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = ["intro", "days"]

    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types: list = []
    template = "tourism/itinerary_page.html"
    base_form_class = ItineraryPageForm

    class Meta:
        verbose_name = _("itinerary")
        verbose_name_plural = _("itineraries")

    kind = "itinerary"

    def get_og_image(self):
        return self.image

    def stop_rows(self) -> list[StopRow]:
        """The stops in order, each in this page's language, with the distance from the stop before.

        Three queries whatever the number of stops: the stops, then attractions and places.
        """
        stops = list(self.stops.select_related("page").order_by("day", "sort_order"))
        keys = {stop.page.translation_key for stop in stops}
        listings = {}
        for model in (AttractionPage, PlacePage):
            for page in model.objects.filter(translation_key__in=keys).select_related("locale"):
                if page.locale_id == self.locale_id or page.translation_key not in listings:
                    listings[page.translation_key] = page
        rows, previous = [], None
        for stop in stops:
            page = listings.get(stop.page.translation_key, stop.page)
            distance = None
            if previous is not None and _has_point(previous) and _has_point(page):
                distance = round(distance_km(previous.latitude, previous.longitude, page.latitude, page.longitude), 1)
            rows.append(StopRow(stop.day, page, stop.note, distance))
            previous = page
        return rows

    def itinerary_days(self) -> list[ItineraryDay]:
        days: dict[int, ItineraryDay] = {}
        for row in self.stop_rows():
            days.setdefault(row.day, ItineraryDay(row.day)).stops.append(row)
        return [days[n] for n in sorted(days)]

    def total_distance_km(self) -> float:
        return round(sum(row.distance_km or 0 for row in self.stop_rows()), 1)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        days = self.itinerary_days()
        context["itinerary_days"] = days
        context["total_distance"] = round(sum(day.distance_km for day in days), 1)
        return context

    def get_json_ld(self, request):
        rows = self.stop_rows()
        data = {
            **self.json_ld_thing(request, "TouristTrip"),
            "itinerary": {
                "@type": "ItemList",
                "numberOfItems": len(rows),
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "item": {
                            "@type": "TouristAttraction" if isinstance(row.page, AttractionPage) else "Place",
                            "name": row.page.title,
                            "url": row.page.get_full_url(request),
                        },
                    }
                    for position, row in enumerate(rows, start=1)
                ],
            },
        }
        if self.intro:
            data["description"] = self.intro
        return data


def _has_point(page) -> bool:
    return getattr(page, "latitude", None) is not None and getattr(page, "longitude", None) is not None


class ItineraryStop(Orderable):
    itinerary = ParentalKey(ItineraryPage, on_delete=models.CASCADE, related_name="stops")
    day = models.PositiveSmallIntegerField(_("day"), default=1, validators=[MinValueValidator(1)])
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("attraction or place"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldPanel("day"),
        PageChooserPanel("page", ["tourism.AttractionPage", "tourism.PlacePage"]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
