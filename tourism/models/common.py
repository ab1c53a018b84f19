"""What every tourism listing shares: where it is, how to reach it, pictures and text."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from portal.models import BasePage
from portal.places import Place, validate_coordinates

from ..blocks import GALLERY_BLOCKS

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

    place_panels = [
        MultiFieldPanel([FieldPanel("area"), FieldPanel("address")], heading=_("Where")),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")], heading=_("Contact")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("address"),
        index.FilterField("area"),
        index.FilterField("locale"),
    ]
    api_fields = ["intro", "area", "address", "latitude", "longitude", "phone", "website"]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        validate_page_coordinates(self)

    def get_og_image(self):
        return self.image

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def json_ld_place(self, request, schema_type: str) -> dict:
        """The schema.org Place fields every listing shares."""
        data = {
            "@context": "https://schema.org",
            "@type": schema_type,
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
        }
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
        return data
