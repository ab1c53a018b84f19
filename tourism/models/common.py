"""What every tourism listing shares: where it is, how to reach it, pictures and text."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from portal.models import BasePage
from portal.places import Place, validate_coordinates

from ..blocks import GALLERY_BLOCKS, HIGHLIGHT_BLOCKS, OFFER_BLOCKS

MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


class MonthsField(models.JSONField):
    """A sorted list of month numbers (1–12), edited as twelve checkboxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=MONTHS,
            coerce=int,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if any(not isinstance(m, int) or not 1 <= m <= 12 for m in value or []):
            raise ValidationError(_("Months are numbers from 1 to 12."), code="months_range")

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value:
            value = sorted({int(m) for m in value})
            setattr(model_instance, self.attname, value)
        return value


class Wheelchair(models.TextChoices):
    """OpenStreetMap's `wheelchair` tag values (https://wiki.openstreetmap.org/wiki/Key:wheelchair)."""

    YES = "yes", _("Wheelchair accessible")
    LIMITED = "limited", _("Partly wheelchair accessible")
    NO = "no", _("Not wheelchair accessible")
    DESIGNATED = "designated", _("Designed for wheelchair users")


class Amenity(models.TextChoices):
    WIFI = "wifi", _("Wi-Fi")
    PARKING = "parking", _("Parking")
    AIR_CONDITIONING = "air_conditioning", _("Air conditioning")
    BREAKFAST = "breakfast", _("Breakfast included")
    RESTAURANT = "restaurant", _("Restaurant on site")
    POOL = "pool", _("Swimming pool")
    FAMILY_ROOMS = "family_rooms", _("Family rooms")
    BICYCLES = "bicycles", _("Bicycles to borrow or hire")
    PICKUP = "pickup", _("Pick-up from the station or airport")
    VEGETARIAN = "vegetarian", _("Vegetarian dishes")
    GROUPS = "groups", _("Groups welcome")
    CARDS = "cards", _("Cards accepted")
    ENGLISH = "english", _("English spoken")


class AmenitiesField(models.JSONField):
    """A list of Amenity values, edited as checkboxes (unknown values are refused)."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=Amenity.choices,
            required=False,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if any(item not in Amenity.values for item in value or []):
            raise ValidationError(_("Unknown amenity."), code="amenity")


def validate_page_coordinates(page) -> None:
    """Run portal.places.validate_coordinates and put its message on the latitude field."""
    try:
        validate_coordinates(page.latitude, page.longitude)
    except ValidationError as error:
        raise ValidationError({"latitude": error.messages}) from error


class TourismPage(Place, BasePage):
    """Abstract base of attractions and places to stay or eat."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences for cards and search."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # area, address, latitude and longitude: portal.places.Place
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    body = RichTextField(_("body"), blank=True)
    gallery = StreamField(GALLERY_BLOCKS, blank=True, verbose_name=_("gallery"))
    # What a tourism business keeps itself from the seller workspace (tourism.seller_views).
    wheelchair = models.CharField(
        _("wheelchair access"), max_length=10, choices=Wheelchair.choices, blank=True, help_text=_("Empty: not known.")
    )
    amenities = AmenitiesField(_("amenities"), default=list, blank=True)
    booking_url = models.URLField(
        _("booking link"), blank=True, help_text=_("The business's own booking page or its page on a booking platform.")
    )
    highlights = StreamField(HIGHLIGHT_BLOCKS, blank=True, verbose_name=_("rooms or menu highlights"))
    offers = StreamField(OFFER_BLOCKS, blank=True, verbose_name=_("seasonal offers"))

    place_panels = [
        MultiFieldPanel([FieldPanel("area"), FieldPanel("address")], heading=_("Where")),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website"), FieldPanel("booking_url")],
            heading=_("Contact"),
        ),
    ]
    business_panels = [
        FieldPanel("wheelchair"),
        FieldPanel("amenities"),
        FieldPanel("highlights"),
        FieldPanel("offers"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("address"),
        index.FilterField("area"),
        index.FilterField("locale"),
    ]
    api_fields = [
        "intro",
        "area",
        "address",
        "latitude",
        "longitude",
        "phone",
        "website",
        "booking_url",
        "wheelchair",
        "amenities",
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        validate_page_coordinates(self)

    def get_og_image(self):
        return self.image

    def current_offers(self, today) -> list[dict]:
        """Seasonal offers whose last day has not passed, soonest first."""
        offers = [block.value for block in self.offers if block.value["ends"] >= today]
        return sorted(offers, key=lambda offer: offer["starts"])

    @property
    def offers_now(self) -> list[dict]:
        return self.current_offers(timezone.localdate())

    def amenity_labels(self) -> list[str]:
        names = dict(Amenity.choices)
        return [str(names[a]) for a in self.amenities or [] if a in names]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def json_ld_place(self, request, schema_type: str) -> dict:
        """The schema.org Place fields every listing shares."""
        data = self.json_ld_thing(request, schema_type)
        if self.intro:
            data["description"] = self.intro
        address = {"@type": "PostalAddress", "addressCountry": "VN", "addressRegion": "Thanh Hóa"}
        if self.address:
            address["streetAddress"] = self.address
        if self.area_id:
            address["addressLocality"] = self.area.name
        data["address"] = address
        if self.has_coordinates:
            data["geo"] = {"@type": "GeoCoordinates", "latitude": self.latitude, "longitude": self.longitude}
        if self.phone:
            data["telephone"] = self.phone
        if self.image and request is not None:
            data["image"] = request.build_absolute_uri(self.image.get_rendition("fill-1200x630").url)
        features = [{"@type": "LocationFeatureSpecification", "name": a, "value": True} for a in self.amenities or []]
        if self.wheelchair:  # OpenStreetMap's value, as the open data and the map tag it
            features.append({"@type": "LocationFeatureSpecification", "name": "wheelchair", "value": self.wheelchair})
        if features:
            data["amenityFeature"] = features
        if self.booking_url:
            data["potentialAction"] = {"@type": "ReserveAction", "target": self.booking_url}
        return data
