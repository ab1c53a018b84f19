"""The workspace's batch and event forms: phone-sized, in the business's words, limited to its own things."""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.uploads import validate_image_pixels

from .models import Location, Unit
from .seller_services import products_of
from .vocabulary import ACTIVITIES_WITH_INPUT, Activity

PHOTO_TYPES = "image/*"
MAX_PHOTO_BYTES = 10 * 1024 * 1024


class DateInput(forms.DateInput):
    """The phone's own date picker; it shows the date in the phone's language (dd/mm/yyyy in Vietnamese)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def new_event_key() -> str:
    """The idempotency key of one rendering of the event form."""
    return secrets.token_urlsafe(24)


class PackChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, variant):
        return f"{variant.product.title} — {variant.name}"


class BatchForm(forms.Form):
    pack = PackChoiceField(label=_("Product and pack"), queryset=None, empty_label=None)
    production_date = forms.DateField(label=_("Made or harvested on"), widget=DateInput, initial=timezone.localdate)
    expiry_date = forms.DateField(
        label=_("Use by"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty to count it from the product's shelf life."),
    )
    lot_number = forms.CharField(
        label=_("Lot number"),
        max_length=20,
        required=False,
        help_text=_("Leave empty and one is made from the date (e.g. 261202-1)."),
    )
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0, max_value=10**8, max_digits=12, decimal_places=3)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, initial=Unit.KG)
    origin = forms.ModelChoiceField(
        label=_("Where it was made"), queryset=None, required=False, empty_label=_("— a new place —")
    )
    new_place = forms.CharField(
        label=_("New place"), max_length=200, required=False, help_text=_("e.g. Đồng Mới field, the kitchen")
    )

    def __init__(self, *args, producer, **kwargs):
        super().__init__(*args, **kwargs)
        from catalogue.models import ProductVariant

        self.fields["pack"].queryset = (
            ProductVariant.objects.filter(product__in=products_of(producer))
            .select_related("product")
            .order_by("product__title", "sort_order", "pk")
        )
        self.fields["origin"].queryset = Location.objects.for_producer(producer)
        self.fields["quantity"].widget.attrs.update({"inputmode": "decimal"})

    def clean(self):
        data = super().clean()
        made, expiry = data.get("production_date"), data.get("expiry_date")
        if made and made > timezone.localdate():
            self.add_error("production_date", _("This date is in the future."))
        if made and expiry and expiry < made:
            self.add_error("expiry_date", _("A batch cannot expire before it is made."))
        if not data.get("origin") and not (data.get("new_place") or "").strip():
            self.add_error("new_place", _("Choose a place or type a new one."))
        return data


class EventForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    activity = forms.ChoiceField(widget=forms.HiddenInput, choices=Activity.choices)
    event_time = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    location = forms.ModelChoiceField(label=_("Where"), queryset=None, required=False, empty_label=_("Not said"))
    input_product = forms.CharField(label=_("Product used"), max_length=200, required=False)
    dose = forms.CharField(label=_("Dose"), max_length=100, required=False, help_text=_("e.g. 20 kg/ha, 1 ml/l"))
    quantity = forms.DecimalField(
        label=_("Quantity"), min_value=0, max_value=10**8, max_digits=12, decimal_places=3, required=False
    )
    description = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    photo = forms.ImageField(label=_("Photo"), required=False, validators=[validate_image_pixels])

    def __init__(self, *args, batch, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.fields["location"].queryset = Location.objects.for_producer(batch.producer)
        self.fields["quantity"].widget.attrs.update({"inputmode": "decimal"})
        self.fields["photo"].widget.attrs.update({"accept": PHOTO_TYPES, "capture": "environment"})
        if activity in ACTIVITIES_WITH_INPUT:
            self.fields["input_product"].required = True
            self.fields["dose"].required = True
        else:
            del self.fields["input_product"], self.fields["dose"]
        if activity == Activity.INSPECTING:
            self.fields["photo"].label = _("Photo of the lab result")
        if activity not in (Activity.HARVESTING, Activity.PACKING, Activity.PROCESSING, Activity.RECEIVING):
            del self.fields["quantity"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > MAX_PHOTO_BYTES:
            raise ValidationError(_("The photo is larger than 10 MB."), code="photo_size")
        return photo

    def clean(self):
        data = super().clean()
        when = data.get("event_time")
        if when and when > timezone.now() + timezone.timedelta(minutes=10):
            self.add_error("event_time", _("An event cannot be in the future."))
        return data
