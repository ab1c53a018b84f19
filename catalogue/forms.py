"""Public forms: the business sign-up, with its legal identity, licence and the operating rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.consents import Channel, Purpose, record_consent
from portal.models import Area
from portal.phones import normalise_phone
from portal.places import ward_select_choices
from portal.policies import PolicyKind, policy_url
from portal.tax_codes import normalise_tax_code

from .models import BusinessApplication, ListingReport, ReportReason, SellerIdentity, SellerLicence


class BusinessApplicationForm(forms.ModelForm):
    ward_code = forms.TypedChoiceField(
        label=_("Ward or commune"), choices=ward_select_choices, coerce=int, empty_value=None, required=False
    )

    class Meta:
        model = BusinessApplication
        fields = [
            "business_name",
            "business_name_en",
            "business_type",
            "contact_name",
            "email",
            "phone",
            "area",
            "ward_code",
            "address",
            "summary",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        areas = Area.objects.all()
        if locale is not None:
            areas = areas.filter(locale=locale)
        self.fields["area"].queryset = areas.order_by("name")

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])


# --- seller identity and licences ---------------------------------------------------------------

LICENCE_SCAN_MAX_BYTES = 10 * 1024 * 1024
LICENCE_SCAN_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "webp": (b"RIFF",),
}


def validate_licence_scan(upload) -> None:
    """A scan is a PDF or a picture (PNG, JPEG, WebP) of at most 10 MB, by its content, not only its name."""
    if upload.size > LICENCE_SCAN_MAX_BYTES:
        raise ValidationError(_("A scan may be at most 10 MB."), code="scan_too_large")
    name = (upload.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    position = upload.tell()
    head = upload.read(16)
    upload.seek(position)
    signatures = LICENCE_SCAN_SIGNATURES.get(extension)
    if signatures is None or not head.startswith(signatures) or (extension == "webp" and head[8:12] != b"WEBP"):
        raise ValidationError(_("Send the scan as a PDF, PNG, JPEG or WebP file."), code="scan_type")


class SellerIdentityForm(forms.ModelForm):
    class Meta:
        model = SellerIdentity
        fields = ["legal_name", "legal_form", "registration_number", "tax_code", "registered_address", "representative"]

    def clean_tax_code(self):
        return normalise_tax_code(self.cleaned_data["tax_code"])


class LicenceForm(forms.ModelForm):
    """One licence; all empty means none (the application's licence is optional)."""

    scan = forms.FileField(label=_("Scan (PDF or picture)"), validators=[validate_licence_scan])

    class Meta:
        model = SellerLicence
        fields = ["kind", "number", "issuer", "valid_until", "scan"]
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, optional=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.optional = optional
        if optional:
            for field in self.fields.values():
                field.required = False

    @property
    def is_empty(self) -> bool:
        return self.optional and not any(self.data.get(self.add_prefix(name)) for name in ("kind", "number", "issuer"))

    def clean(self):
        cleaned = super().clean()
        if self.optional and not self.is_empty:
            for name in ("kind", "number", "issuer", "scan"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("This field is required."))
        if cleaned.get("valid_until") and cleaned["valid_until"] < timezone.localdate():
            self.add_error("valid_until", _("This licence has expired."))
        return cleaned


class OperatingRulesForm(forms.Form):
    accept_rules = forms.BooleanField(
        label=_("I have read and accept the exchange's operating rules."),
        required=True,
        error_messages={"required": _("Accept the operating rules to apply.")},
    )


class SellerApplication:
    """The whole application: the business, its legal identity, an optional licence and the
    acceptance of the operating rules; saved together or not at all."""

    def __init__(self, data=None, files=None, *, locale=None):
        self.business = BusinessApplicationForm(data, locale=locale)
        self.identity = SellerIdentityForm(data, prefix="legal")
        self.licence = LicenceForm(data, files, prefix="licence", optional=True)
        self.rules = OperatingRulesForm(data)
        self.parts = [
            (_("Your business"), self.business),
            (_("Legal identity"), self.identity),
            (_("Licence for conditional goods (alcohol, tobacco…), if you sell them"), self.licence),
            (_("Operating rules"), self.rules),
        ]
        self.rules_url = policy_url(PolicyKind.OPERATING_RULES)

    @property
    def errors(self) -> bool:
        return any(form.errors for _label, form in self.parts)

    def is_valid(self) -> bool:
        results = [self.business.is_valid(), self.identity.is_valid(), self.rules.is_valid()]
        results.append(self.licence.is_empty or self.licence.is_valid())
        return all(results)

    @transaction.atomic
    def save(self, request=None) -> BusinessApplication:
        application = self.business.save()
        identity = self.identity.save(commit=False)
        identity.application = application
        identity.save()
        if not self.licence.is_empty:
            licence = self.licence.save(commit=False)
            licence.identity = identity
            licence.save()
        user = request.user if request is not None and request.user.is_authenticated else None
        record_consent(
            user=user,
            subject_label=f"{application.business_name} <{application.email}>",
            purpose=Purpose.SELLER_APPLICATION,
            channel=Channel.APPLICATION,
            policy_kind=PolicyKind.OPERATING_RULES,
            request=request,
        )
        return application


class ListingReportForm(forms.ModelForm):
    reason = forms.ChoiceField(label=_("reason"), choices=ReportReason.choices, widget=forms.RadioSelect)

    class Meta:
        model = ListingReport
        fields = ["reason", "details", "contact"]
        widgets = {"details": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}
