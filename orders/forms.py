import contextlib
import re
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.consent_fields import add_consent_fields
from portal.money import format_dong
from portal.phones import normalise_phone
from portal.places import province_choices, validate_ward, ward_choices
from portal.policies import PolicyKind

from .codes import normalise_code
from .delivery import Quote, local_today
from .invoices import InvoiceDetailsForm
from .models import PaymentMethod
from .payments import stripe_payments

TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
MAX_RADIO_CHOICES = 4


def new_checkout_token() -> str:
    return secrets.token_hex(16)


def payment_method_choices():
    methods = [PaymentMethod.VIETQR, PaymentMethod.COD]
    if stripe_payments.is_enabled():
        methods.insert(0, PaymentMethod.CARD)
    return [(m.value, m.label) for m in methods]


class CheckoutForm(InvoiceDetailsForm):
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
        # Required, unticked: terms of sale and privacy policy; news by e-mail a separate optional box.
        add_consent_fields(self, [PolicyKind.TERMS_OF_SALE, PolicyKind.PRIVACY], marketing=True)

    def add_delivery_fields(self, groups) -> None:
        """One choice per business of the cart: how its parcel travels to the chosen province."""
        today = local_today()
        for group in groups:
            if group.producer is None:
                continue
            self.fields[delivery_field_name(group.producer.pk)] = forms.ChoiceField(
                label=group.title,
                choices=[(quote.key, quote_choice_label(quote, today)) for quote in group.quotes],
                initial=group.delivery.key if group.delivery else None,
                # A few choices as radios; own delivery to many areas as one list, shorter on a phone.
                widget=forms.RadioSelect if len(group.quotes) <= MAX_RADIO_CHOICES else forms.Select,
                # Left empty (a form without these fields), the business's default, as the cart counts it.
                required=not group.quotes,
                error_messages={
                    "required": _(
                        "This business does not deliver to this province; remove its items or choose another province."
                    ),
                    "invalid_choice": _("This delivery is not offered to the chosen province; choose again."),
                },
            )

    def delivery_choices(self) -> dict[int, str]:
        """{producer id: chosen quote key} from the cleaned data."""
        prefix = delivery_field_name("")
        return {int(name[len(prefix) :]): value for name, value in self.cleaned_data.items() if name.startswith(prefix)}

    def submitted_delivery_choices(self) -> dict[int, str]:
        """The same from the raw submission, to show the summary of what was chosen."""
        prefix = delivery_field_name("")
        data = self.data if self.is_bound else {}
        return {
            int(k[len(prefix) :]): v for k, v in data.items() if k.startswith(prefix) and k[len(prefix) :].isdigit()
        }

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


def delivery_field_name(producer_id) -> str:
    return f"delivery_{producer_id}"


def quote_choice_label(quote: Quote, today) -> str:
    fee = format_dong(quote.fee) if quote.fee else str(_("free"))
    when = date_format(quote.arrives(today), "l, j/n")
    if quote.is_pickup:
        place = ", ".join(part for part in (quote.pickup_address, quote.pickup_hours) if part)
        return str(_("%(name)s (%(place)s): %(fee)s, ready from %(date)s")) % {
            "name": quote.label,
            "place": place,
            "fee": fee,
            "date": when,
        }
    return str(_("%(name)s: %(fee)s, arrives about %(date)s")) % {"name": quote.label, "fee": fee, "date": when}


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
