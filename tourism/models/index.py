"""The tourism section's index: attractions, places, festivals and itineraries, with filters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from portal.models import Area, BasePage

from .events import EventPage, events_calendar
from .itineraries import ItineraryPage
from .listings import AttractionPage, AttractionType, PlaceKind, PlacePage


def type_choices():
    return [("", _("All types"))] + list(AttractionType.choices) + list(PlaceKind.choices)


class TourismFilterForm(forms.Form):
    """Filters of the index page, read from the query string (works with no JavaScript)."""

    type = forms.ChoiceField(label=_("Type"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, data, *, locale, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["type"].choices = type_choices()
        areas = Area.objects.filter(locale=locale).order_by("name").values_list("slug", "name")
        self.fields["area"].choices = [("", _("All areas"))] + list(areas)

    def filter(self, attractions, places):
        """Apply the valid filters; an invalid value filters nothing (the form shows why)."""
        if not self.is_valid():
            return attractions, places
        kind, area = self.cleaned_data["type"], self.cleaned_data["area"]
        if kind in AttractionType.values:
            attractions, places = attractions.filter(attraction_type=kind), places.none()
        elif kind in PlaceKind.values:
            attractions, places = attractions.none(), places.filter(place_kind=kind)
        if area:
            # Area slugs are synchronised across languages, so this works for every locale.
            attractions, places = attractions.filter(area__slug=area), places.filter(area__slug=area)
        return attractions, places

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


class TourismIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["tourism.AttractionPage", "tourism.PlacePage", "tourism.EventPage", "tourism.ItineraryPage"]
    max_count_per_parent = 1
    template = "tourism/tourism_index_page.html"

    class Meta:
        verbose_name = _("tourism index")

    def get_json_ld(self, request):
        return self.json_ld_thing(request, "CollectionPage")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        attractions = (
            AttractionPage.objects.live().public().child_of(self).select_related("image", "area").order_by("title")
        )
        places = PlacePage.objects.live().public().child_of(self).select_related("image", "area").order_by("title")
        form = TourismFilterForm(request.GET or None, locale=self.locale)
        if request.GET:
            attractions, places = form.filter(attractions, places)
        context.update(
            filter_form=form,
            attractions=attractions,
            places=places,
            calendar=events_calendar(EventPage.objects.live().public().child_of(self), months=6),
            itineraries=ItineraryPage.objects.live().public().child_of(self).select_related("image"),
        )
        return context


def tourism_index_for(locale):
    """The live tourism index in `locale` (None when there is none)."""
    # By primary key: Wagtail orders pages by path, and `.first()` in path order walks the
    # page tree (every product before it) until it meets the index page.
    return TourismIndexPage.objects.live().public().filter(locale=locale).order_by("pk").first()
