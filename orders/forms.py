import contextlib
import re
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.phones import normalise_phone
from portal.places import province_choices, validate_ward, ward_choices

from .codes import normalise_code
from .models import PaymentMethod
from .payments import stripe_payments

TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")


def new_checkout_token() -> str:
    return secrets.token_hex(16)


def payment_method_choices():
    methods = [PaymentMethod.VIETQR, PaymentMethod.COD]
    if stripe_payments.is_enabled():
        methods.insert(0, PaymentMethod.CARD)
    return [(m.value, m.label) for m in methods]


class CheckoutForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Full name"), max_length=120)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        help_text=_("For the delivery; e.g. 0912 345 678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"), required=False, help_text=_("We send the confirmation here.")
    )
    province = forms.TypedChoiceField(label=_("Province or city"), coerce=int)
    ward = forms.TypedChoiceField(label=_("Ward or commune"), coerce=int)
    street = forms.CharField(label=_("House number, street, village"), max_length=255)
    note = forms.CharField(
        label=_("Delivery note (optional)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    payment_method = forms.ChoiceField(label=_("Payment"), widget=forms.RadioSelect)

    def __init__(self, *args, province_code: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = province_choices()
        province = province_code or settings.PROVINCE_CODE
        if self.is_bound:
            with contextlib.suppress(TypeError, ValueError):
                province = int(self.data.get("province") or province)
        try:
            wards = ward_choices(province)
        except (ValueError, KeyError):
            wards = []
        self.province_code = province
        self.fields["ward"].choices = [("", _("Choose a ward or commune"))] + wards
        self.fields["payment_method"].choices = payment_method_choices()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["street"].widget.attrs["autocomplete"] = "street-address"

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not TOKEN_RE.match(token):
            raise ValidationError(_("The form has expired; please submit it again."), code="token")
        return token

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("province") and cleaned.get("ward"):
            try:
                validate_ward(cleaned["ward"], cleaned["province"])
            except ValidationError as error:
                self.add_error("ward", error)
        return cleaned


class CartQuantityForm(forms.Form):
    variant = forms.IntegerField(min_value=1)
    quantity = forms.IntegerField(
        min_value=0,
        max_value=999,
        required=False,
        error_messages={
            "min_value": _("Enter a quantity between 1 and 999."),
            "max_value": _("Enter a quantity between 1 and 999."),
            "invalid": _("Enter a whole number of items."),
        },
    )


class PhoneCheckForm(forms.Form):
    phone = forms.CharField(
        label=_("Phone number used for the order"), max_length=20, widget=forms.TextInput(attrs={"type": "tel"})
    )

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])


class OrderLookupForm(PhoneCheckForm):
    code = forms.CharField(label=_("Order code"), max_length=20)

    field_order = ["code", "phone"]

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])
