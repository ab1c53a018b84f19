"""Forms of a tourism business's listing screens: words a hotelier or a cook uses, prices in đồng."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalogue.limits import MAX_PRICE_DONG
from catalogue.seller_forms import PhotosField
from portal.money import DongField

from .models.common import Amenity, Wheelchair


def _check_price(value):
    if value is not None and value > MAX_PRICE_DONG:
        raise ValidationError(_("This price is implausibly high; check for extra zeros."), code="price_high")
    return value


class ListingForm(forms.Form):
    title = forms.CharField(label=_("Name"), max_length=255)
    intro = forms.CharField(
        label=_("Short description"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences shown in lists and on the map."),
    )
    body = forms.CharField(
        label=_("Full description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What visitors find, how to get there. Leave an empty line between paragraphs."),
    )
    opening_hours = forms.CharField(
        label=_("Opening hours"), max_length=255, required=False, help_text=_("e.g. Every day 6:00–22:00")
    )
    title_en = forms.CharField(label=_("Name in English"), max_length=255, required=False)
    intro_en = forms.CharField(
        label=_("Short description in English"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body_en = forms.CharField(
        label=_("Full description in English"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    opening_hours_en = forms.CharField(label=_("Opening hours in English"), max_length=255, required=False)
    price_low = DongField(label=_("Prices from (đồng)"), required=False)
    price_high = DongField(label=_("Prices up to (đồng)"), required=False)
    address = forms.CharField(label=_("Street address"), max_length=255, required=False)
    address_en = forms.CharField(
        label=_("Street address in English"),
        max_length=255,
        required=False,
        help_text=_("Leave empty to show the Vietnamese address on the English page."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    booking_url = forms.URLField(
        label=_("Booking link"),
        required=False,
        assume_scheme="https",
        help_text=_("Your own booking page or your page on a booking platform. Visitors book there, not here."),
    )
    wheelchair = forms.ChoiceField(
        label=_("Wheelchair access"),
        choices=[("", _("Not stated"))] + list(Wheelchair.choices),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("“Partly”: some rooms or areas can be reached without steps."),
    )
    amenities = forms.MultipleChoiceField(
        label=_("Amenities"), choices=Amenity.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    photos = PhotosField(label=_("Photos"), help_text=_("Take photos with your phone's camera or choose pictures."))

    def __init__(self, *args, attraction=False, **kwargs):
        super().__init__(*args, **kwargs)
        if attraction:  # an attraction sells tickets, not rooms or meals
            self.fields["price_low"].label = _("Adult ticket (đồng)")
            self.fields["price_high"].label = _("Child ticket (đồng)")

    def clean_price_low(self):
        return _check_price(self.cleaned_data.get("price_low"))

    def clean_price_high(self):
        return _check_price(self.cleaned_data.get("price_high"))

    def clean(self):
        data = super().clean()
        has_english_text = data.get("intro_en") or data.get("body_en")
        if has_english_text and not data.get("title_en"):
            self.add_error("title_en", _("Give the English name too, or leave all English fields empty."))
        return data


class PlaceListingForm(ListingForm):
    def clean(self):
        data = super().clean()
        low, high = data.get("price_low"), data.get("price_high")
        if low is not None and high is not None and high < low:
            self.add_error("price_high", _("The highest price cannot be below the lowest."))
        return data


class HighlightForm(forms.Form):
    """A room type or a dish: what a visitor would ask about first."""

    id = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Room or dish"), max_length=120, help_text=_("e.g. Sea-view double room"))
    name_en = forms.CharField(label=_("Room or dish in English"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Description"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description_en = forms.CharField(
        label=_("Description in English"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    price = DongField(label=_("Price (đồng)"), required=False)

    def clean_price(self):
        return _check_price(self.cleaned_data.get("price"))


HighlightFormSet = forms.formset_factory(HighlightForm, extra=2, can_delete=True, max_num=30)


class OfferForm(forms.Form):
    """A seasonal offer: a title, the dates it runs and what it gives."""

    id = forms.CharField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Offer"), max_length=120, help_text=_("e.g. Summer family room rate"))
    title_en = forms.CharField(label=_("Offer in English"), max_length=120, required=False)
    starts = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(
        label=_("Details"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    text_en = forms.CharField(
        label=_("Details in English"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("The offer cannot end before it starts."))
        return data


OfferFormSet = forms.formset_factory(OfferForm, extra=1, can_delete=True, max_num=20)
