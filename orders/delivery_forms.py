"""The seller workspace's forms for a business's delivery options (orders.delivery_models)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from portal.models import Area
from portal.places import province_choices

from .delivery_models import CarrierRate, DeliveryArea, DeliveryKind, DeliveryOption, DeliveryProfile

# What each kind of option asks for, besides its areas (own delivery) or fee table (carrier).
OPTION_FIELDS = {
    DeliveryKind.OWN: ["name", "suits_perishables", "active"],
    DeliveryKind.CARRIER: ["name", "default_fee", "default_days", "suits_perishables", "active"],
    DeliveryKind.PICKUP: ["name", "pickup_address", "pickup_hours", "suits_perishables", "active"],
}
MAX_DAYS = 30


class DeliveryProfileForm(forms.ModelForm):
    class Meta:
        model = DeliveryProfile
        fields = ["free_over"]


def option_form_class(kind: str):
    class DeliveryOptionForm(forms.ModelForm):
        class Meta:
            model = DeliveryOption
            fields = OPTION_FIELDS[kind]

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if "pickup_address" in self.fields:
                self.fields["pickup_address"].required = True
            if "default_days" in self.fields:
                self.fields["default_days"].validators.append(_max_days)

        def clean(self):
            cleaned = super().clean()
            if kind == DeliveryKind.CARRIER and (cleaned.get("default_fee") is None) != (
                cleaned.get("default_days") is None
            ):
                raise ValidationError(
                    _("Give both the fee and the days for elsewhere, or neither."), code="default_pair"
                )
            return cleaned

    return DeliveryOptionForm


def _max_days(value):
    if value is not None and value > MAX_DAYS:
        raise ValidationError(_("At most %(max)s days.") % {"max": MAX_DAYS}, code="days_range")


class DeliveryAreaForm(forms.ModelForm):
    class Meta:
        model = DeliveryArea
        fields = ["area", "fee", "days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The areas of the default language: the seller's choice names the place, not a translation.
        locale = Locale.get_default()
        self.fields["area"].queryset = Area.objects.filter(locale=locale).order_by("name")
        self.fields["days"].validators.append(_max_days)


class CarrierRateForm(forms.ModelForm):
    province_code = forms.TypedChoiceField(label=_("Province"), coerce=int, required=False, empty_value=None)

    class Meta:
        model = CarrierRate
        fields = ["province_code", "region", "fee", "days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", "---------")] + province_choices()
        self.fields["days"].validators.append(_max_days)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("province_code") is None) == (not cleaned.get("region")):
            raise ValidationError(_("Choose a province or a region (one of them)."), code="province_or_region")
        return cleaned


DeliveryAreaFormSet = inlineformset_factory(
    DeliveryOption, DeliveryArea, form=DeliveryAreaForm, extra=3, can_delete=True, max_num=60, validate_max=True
)
CarrierRateFormSet = inlineformset_factory(
    DeliveryOption, CarrierRate, form=CarrierRateForm, extra=3, can_delete=True, max_num=40, validate_max=True
)
TABLE_FORMSETS = {DeliveryKind.OWN: DeliveryAreaFormSet, DeliveryKind.CARRIER: CarrierRateFormSet}
