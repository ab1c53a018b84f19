"""Attractions and places to stay or eat."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..blocks import OPENING_HOURS_BLOCKS, SCHEMA_DAYS, opening_hours_rows
from .common import MONTHS, MonthsField, TourismPage


class AttractionType(models.TextChoices):
    HERITAGE = "heritage", _("Heritage site")
    NATURE = "nature", _("Nature")
    BEACH = "beach", _("Beach")
    SPIRITUAL = "spiritual", _("Temple or pagoda")
    CRAFT_VILLAGE = "craft_village", _("Craft village")
    MUSEUM = "museum", _("Museum")
    ARCHAEOLOGY = "archaeology", _("Archaeological site")
    ENTERTAINMENT = "entertainment", _("Entertainment")


SYNCHRONISED_PLACE_FIELDS = [
    SynchronizedField("latitude", overridable=False),
    SynchronizedField("longitude", overridable=False),
    SynchronizedField("phone", overridable=False),
    SynchronizedField("email", overridable=False),
    SynchronizedField("website", overridable=False),
    SynchronizedField("booking_url", overridable=False),
    SynchronizedField("wheelchair", overridable=False),
    SynchronizedField("amenities", overridable=False),
]


class AttractionPage(TourismPage):
    attraction_type = models.CharField(_("type"), max_length=20, choices=AttractionType.choices)
    open_all_hours = models.BooleanField(
        _("open access"), default=False, help_text=_("A beach, square or landscape with no gate or hours.")
    )
    opening_hours = StreamField(OPENING_HOURS_BLOCKS, blank=True, verbose_name=_("opening hours"))
    opening_hours_note = models.CharField(_("note on opening hours"), max_length=255, blank=True)
    price_adult = models.PositiveBigIntegerField(_("adult ticket (đồng)"), null=True, blank=True)
    price_child = models.PositiveBigIntegerField(_("child ticket (đồng)"), null=True, blank=True)
    price_foreigner = models.PositiveBigIntegerField(_("foreign visitor ticket (đồng)"), null=True, blank=True)
    ticket_note = models.TextField(
        _("note on tickets"), blank=True, help_text=_("Age rules, free days. Leave prices empty when unknown.")
    )
    best_months = MonthsField(_("best months to visit"), default=list, blank=True)
    visit_minutes_min = models.PositiveSmallIntegerField(_("shortest suggested visit (minutes)"), null=True, blank=True)
    visit_minutes_max = models.PositiveSmallIntegerField(_("longest suggested visit (minutes)"), null=True, blank=True)
    accessibility = models.TextField(
        _("accessibility notes"), blank=True, help_text=_("Only verified facts: steps, ramps, parking, boats.")
    )
    is_featured = models.BooleanField(_("featured on the home page"), default=False)

    content_panels = TourismPage.content_panels + [
        FieldPanel("attraction_type"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("gallery"),
    ]
    visit_panels = [
        MultiFieldPanel(
            [FieldPanel("open_all_hours"), FieldPanel("opening_hours"), FieldPanel("opening_hours_note")],
            heading=_("Opening hours"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price_adult"), FieldPanel("price_child"), FieldPanel("price_foreigner")]),
                FieldPanel("ticket_note"),
            ],
            heading=_("Tickets"),
        ),
        FieldPanel("best_months"),
        FieldRowPanel([FieldPanel("visit_minutes_min"), FieldPanel("visit_minutes_max")], heading=_("Suggested visit")),
        FieldPanel("accessibility"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(TourismPage.place_panels, heading=_("Place and contact")),
            ObjectList(visit_panels, heading=_("Visiting")),
            ObjectList(TourismPage.business_panels, heading=_("Kept by the business")),
            ObjectList(TourismPage.promote_panels + [FieldPanel("is_featured")], heading=_("Promote")),
            ObjectList(TourismPage.settings_panels, heading=_("Settings")),
        ]
    )
    override_translatable_fields = SYNCHRONISED_PLACE_FIELDS + [
        SynchronizedField("is_featured", overridable=False),
        SynchronizedField("attraction_type", overridable=False),
        SynchronizedField("open_all_hours", overridable=False),
        SynchronizedField("opening_hours", overridable=False),
        SynchronizedField("price_adult", overridable=False),
        SynchronizedField("price_child", overridable=False),
        SynchronizedField("price_foreigner", overridable=False),
        SynchronizedField("best_months", overridable=False),
        SynchronizedField("visit_minutes_min", overridable=False),
        SynchronizedField("visit_minutes_max", overridable=False),
    ]
    search_fields = TourismPage.search_fields + [
        index.SearchField("accessibility"),
        index.FilterField("attraction_type"),
    ]
    api_fields = TourismPage.api_fields + [
        "attraction_type",
        "price_adult",
        "price_child",
        "price_foreigner",
        "best_months",
        "visit_minutes_min",
        "visit_minutes_max",
    ]

    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types: list = []
    template = "tourism/attraction_page.html"

    class Meta:
        verbose_name = _("attraction")
        verbose_name_plural = _("attractions")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="attraction_point_idx"),  # "nearby"
            # The home page's few featured attractions, without reading all of them.
            models.Index(fields=["is_featured"], condition=models.Q(is_featured=True), name="attraction_featured_idx"),
        ]

    def clean(self):
        super().clean()
        if (
            self.visit_minutes_min is not None
            and self.visit_minutes_max is not None
            and self.visit_minutes_max < self.visit_minutes_min
        ):
            raise ValidationError({"visit_minutes_max": _("The longest visit cannot be shorter than the shortest.")})

    @property
    def kind(self) -> str:
        return "attraction"

    @property
    def type_label(self) -> str:
        return self.get_attraction_type_display()

    @property
    def best_month_labels(self) -> list[str]:
        names = dict(MONTHS)
        return [str(names[m]) for m in self.best_months or [] if m in names]

    @property
    def visit_hours_min(self) -> float | None:
        return None if self.visit_minutes_min is None else self.visit_minutes_min / 60

    @property
    def visit_hours_max(self) -> float | None:
        return None if self.visit_minutes_max is None else self.visit_minutes_max / 60

    def opening_hours_rows(self) -> list[dict]:
        return opening_hours_rows(self.opening_hours)

    @property
    def has_prices(self) -> bool:
        return any(p is not None for p in (self.price_adult, self.price_child, self.price_foreigner))

    def get_json_ld(self, request):
        data = self.json_ld_place(request, "TouristAttraction")
        data["touristType"] = self.get_attraction_type_display()
        specs = []
        for block in self.opening_hours:
            value = block.value
            specs.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in value["days"]],
                    "opens": value["opens"].strftime("%H:%M"),
                    "closes": value["closes"].strftime("%H:%M"),
                }
            )
        if specs:
            data["openingHoursSpecification"] = specs
        data["isAccessibleForFree"] = self.open_all_hours and not self.has_prices
        if self.has_prices:
            data["offers"] = [
                {"@type": "Offer", "name": str(label), "price": price, "priceCurrency": "VND"}
                for label, price in (
                    (_("Adult"), self.price_adult),
                    (_("Child"), self.price_child),
                    (_("Foreign visitor"), self.price_foreigner),
                )
                if price is not None
            ]
        return data


class PlaceKind(models.TextChoices):
    STAY = "stay", _("Place to stay")
    EAT = "eat", _("Place to eat")
    TOURS = "tours", _("Tours and guides")


class PlaceSubtype(models.TextChoices):
    HOTEL = "hotel", _("Hotel")
    RESORT = "resort", _("Resort")
    HOMESTAY = "homestay", _("Homestay")
    RESTAURANT = "restaurant", _("Restaurant")
    STREET_FOOD = "street_food", _("Street food")
    MARKET = "market", _("Market")
    FOOD_VILLAGE = "food_village", _("Food village")
    TOUR_OPERATOR = "tour_operator", _("Tour operator")


STAY_SUBTYPES = {PlaceSubtype.HOTEL, PlaceSubtype.RESORT, PlaceSubtype.HOMESTAY}
TOUR_SUBTYPES = {PlaceSubtype.TOUR_OPERATOR}


def kind_of_subtype(subtype: str) -> str:
    """The kind of place a subtype belongs to (stay, tours, else eat)."""
    if subtype in STAY_SUBTYPES:
        return PlaceKind.STAY
    return PlaceKind.TOURS if subtype in TOUR_SUBTYPES else PlaceKind.EAT


class PlacePage(TourismPage):
    """A place to stay (hotel, resort, homestay), to eat (restaurant, street food, market), or a tour operator."""

    place_kind = models.CharField(_("kind"), max_length=10, choices=PlaceKind.choices)
    subtype = models.CharField(_("subtype"), max_length=20, choices=PlaceSubtype.choices)
    price_from = models.PositiveBigIntegerField(_("prices from (đồng)"), null=True, blank=True)
    price_to = models.PositiveBigIntegerField(_("prices up to (đồng)"), null=True, blank=True)
    opening_hours_text = models.CharField(_("opening hours"), max_length=255, blank=True)

    content_panels = TourismPage.content_panels + [
        FieldRowPanel([FieldPanel("place_kind"), FieldPanel("subtype")]),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("gallery"),
    ]
    detail_panels = [
        FieldRowPanel([FieldPanel("price_from"), FieldPanel("price_to")], heading=_("Prices")),
        FieldPanel("opening_hours_text"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(TourismPage.place_panels + detail_panels, heading=_("Place and contact")),
            ObjectList(TourismPage.business_panels, heading=_("Kept by the business")),
            ObjectList(TourismPage.promote_panels, heading=_("Promote")),
            ObjectList(TourismPage.settings_panels, heading=_("Settings")),
        ]
    )
    override_translatable_fields = SYNCHRONISED_PLACE_FIELDS + [
        SynchronizedField("place_kind", overridable=False),
        SynchronizedField("subtype", overridable=False),
        SynchronizedField("price_from", overridable=False),
        SynchronizedField("price_to", overridable=False),
    ]
    search_fields = TourismPage.search_fields + [
        index.FilterField("place_kind"),
        index.FilterField("subtype"),
    ]
    api_fields = TourismPage.api_fields + ["place_kind", "subtype", "price_from", "price_to"]

    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types: list = []
    template = "tourism/place_page.html"

    class Meta:
        verbose_name = _("place to stay or eat")
        verbose_name_plural = _("places to stay or eat")
        indexes = [models.Index(fields=["latitude", "longitude"], name="place_point_idx")]  # "nearby"

    def clean(self):
        super().clean()
        errors = {}
        if self.subtype and self.place_kind and kind_of_subtype(self.subtype) != self.place_kind:
            errors["subtype"] = _("This subtype does not match the kind of place.")
        if self.price_from is not None and self.price_to is not None and self.price_to < self.price_from:
            errors["price_to"] = _("The highest price cannot be below the lowest.")
        if errors:
            raise ValidationError(errors)

    @property
    def kind(self) -> str:
        return self.place_kind

    @property
    def type_label(self) -> str:
        return self.get_subtype_display()

    def get_json_ld(self, request):
        schema_type = {PlaceKind.STAY: "LodgingBusiness", PlaceKind.TOURS: "TravelAgency"}.get(
            self.place_kind, "Restaurant"
        )
        data = self.json_ld_place(request, schema_type)
        if self.price_from is not None:
            upper = self.price_to if self.price_to is not None else self.price_from
            data["priceRange"] = f"{self.price_from}–{upper} VND"
        if self.website:
            data["sameAs"] = self.website
        return data
