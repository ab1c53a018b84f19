"""Account forms: the phone field every account form uses, sign-up, saved addresses."""

import contextlib

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.phones import normalise_phone
from portal.places import province_choices, validate_ward, ward_choices
from portal.policies import PolicyKind

from .consent_fields import add_consent_fields, record_form_consents
from .models import Address, Channel, Purpose


class PhoneField(forms.CharField):
    """A Vietnamese phone number, stored as its national digits (portal.phones decides)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Phone"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("e.g. 0912 345 678"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else value


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with a phone number or an e-mail address: at least one of them."""

    field_order = ["phone", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = _("We send a code by text message to confirm it.")
        self.fields["email"].label = _("E-mail")
        self.fields["email"].help_text = _("Or instead of a phone number: we send a link to confirm it.")
        add_consent_fields(self, [PolicyKind.PRIVACY], marketing=True)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise ValidationError(_("Enter a phone number or an e-mail address."), code="phone_or_email")
        return cleaned

    def save(self, request):
        user = super().save(request)
        if user is not None:
            record_form_consents(self, purpose=Purpose.ACCOUNT, channel=Channel.SIGNUP, request=request, user=user)
        return user


class AddressForm(forms.ModelForm):
    """A saved address with the 2025 units; the wards follow the chosen province (two steps without JavaScript)."""

    province_code = forms.TypedChoiceField(label=_("Province or city"), coerce=int)
    ward_code = forms.TypedChoiceField(label=_("Ward or commune"), coerce=int)
    phone = PhoneField()

    class Meta:
        model = Address
        fields = ["label", "name", "phone", "province_code", "ward_code", "street", "is_default"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province = self.instance.province_code or settings.PROVINCE_CODE
        if self.is_bound:
            with contextlib.suppress(TypeError, ValueError):
                province = int(self.data.get("province_code") or province)
        elif self.initial.get("province_code"):
            province = int(self.initial["province_code"])
        self.fields["province_code"].choices = province_choices()
        try:
            wards = ward_choices(province)
        except (ValueError, KeyError):
            wards = []
        self.fields["ward_code"].choices = [("", _("Choose a ward or commune"))] + wards
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["street"].widget.attrs["autocomplete"] = "street-address"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("province_code") and cleaned.get("ward_code"):
            try:
                validate_ward(cleaned["ward_code"], cleaned["province_code"])
            except ValidationError as error:
                self.add_error("ward_code", error)
        return cleaned
