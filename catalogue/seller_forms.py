"""Forms of the seller workspace's product screens: one form for a product, its packs and certificates.

Words a household producer uses: "pack", not "variant"; "barcode number (GTIN)", and no SKU
(one is made when the pack is saved). Prices are whole đồng.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.money import DongField
from portal.uploads import CheckedImageField, validate_document_content

from .gtin import normalize_gtin
from .limits import MAX_PRICE_DONG, MAX_STOCK
from .models import CategoryPage, CertificateKind, ProductVariant

MAX_PHOTOS = 8


class CameraInput(forms.ClearableFileInput):
    """A file input that opens the phone's camera (and still accepts a file on a computer)."""

    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", "capture": "environment", **(attrs or {})})


class PhotosField(forms.Field):
    """Several photos in one input, each checked as Wagtail checks an uploaded image."""

    widget = CameraInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.single = CheckedImageField(required=False)  # junk bodies and >40 MP refused, as in the admin

    def to_python(self, data):
        files = [f for f in (data or []) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("Add at most %(n)s photos at a time.") % {"n": MAX_PHOTOS}, code="too_many")
        return [self.single.clean(f) for f in files]


class ProductForm(forms.Form):
    title = forms.CharField(label=_("Product name"), max_length=255)
    summary = forms.CharField(
        label=_("Short description"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences shown in lists."),
    )
    body = forms.CharField(
        label=_("Full description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("How it is made, how to use it. Leave an empty line between paragraphs."),
    )
    title_en = forms.CharField(label=_("Product name in English"), max_length=255, required=False)
    summary_en = forms.CharField(
        label=_("Short description in English"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body_en = forms.CharField(
        label=_("Full description in English"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=CategoryPage.objects.none(), required=False)
    shelf_life_days = forms.IntegerField(label=_("Shelf life (days)"), min_value=1, max_value=36500, required=False)
    storage = forms.CharField(label=_("How to store it"), max_length=300, required=False)
    photos = PhotosField(label=_("Photos"), help_text=_("Take photos with your phone's camera or choose pictures."))

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        categories = CategoryPage.objects.live().order_by("title")
        if locale is not None:
            categories = categories.filter(locale=locale)
        self.fields["category"].queryset = categories

    def clean(self):
        data = super().clean()
        has_english_text = data.get("summary_en") or data.get("body_en")
        if has_english_text and not data.get("title_en"):
            self.add_error("title_en", _("Give the English name too, or leave all English fields empty."))
        return data


class PackForm(forms.Form):
    """One pack (what is sold: a jar, a bag, a box) with its price and stock."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Pack"), max_length=120, help_text=_("e.g. 500 ml bottle"))
    name_en = forms.CharField(label=_("Pack in English"), max_length=120, required=False)
    # Typed as the language writes prices: "120.000" in Vietnamese is 120000 đồng.
    price = DongField(label=_("Price (đồng)"))
    stock = forms.IntegerField(
        label=_("In stock"),
        min_value=0,
        max_value=MAX_STOCK,
        initial=0,
        error_messages={"min_value": _("Stock cannot be negative."), "invalid": _("Enter a whole number.")},
    )
    gtin = forms.CharField(
        label=_("Barcode number (GTIN)"),
        max_length=20,
        required=False,
        help_text=_("Optional: the number under the barcode, if you have one."),
    )

    def clean_price(self):
        price = self.cleaned_data.get("price")
        if price is not None and price <= 0:
            raise ValidationError(_("The price cannot be negative or zero: enter the price in đồng, e.g. 150000."))
        if price is not None and price > MAX_PRICE_DONG:
            raise ValidationError(_("This price is implausibly high; check for extra zeros."))
        return price

    def clean_gtin(self):
        value = self.cleaned_data.get("gtin")
        return normalize_gtin(value) if value else None


class BasePackFormSet(forms.BaseFormSet):
    """At least one pack; no barcode number twice, nor one another product already uses."""

    def clean(self):
        if any(self.errors):
            return
        packs = [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not packs:
            raise ValidationError(_("Add at least one pack with its price."), code="no_pack")
        seen = set()
        for form in self.forms:
            data = form.cleaned_data
            gtin = data.get("gtin") if data and not data.get("DELETE") else None
            if not gtin:
                continue
            if gtin in seen:
                form.add_error("gtin", _("Two packs cannot have the same barcode number."))
            seen.add(gtin)
            own = data.get("id") if data.get("id") in getattr(self, "known_ids", set()) else None
            if ProductVariant.objects.filter(gtin=gtin).exclude(pk=own or 0).exists():
                form.add_error("gtin", _("Another product already uses this barcode number."))


PackFormSet = forms.formset_factory(PackForm, formset=BasePackFormSet, extra=2, can_delete=True, max_num=30)


class CertificateForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Certificate"), choices=[("", "---------")] + list(CertificateKind.choices))
    number = forms.CharField(label=_("Number"), max_length=100, required=False)
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    scan = forms.FileField(
        label=_("Scan or photo of the certificate"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf", "capture": "environment"}),
        help_text=_("PDF, JPEG or PNG."),
    )

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan:
            validate_document_content(scan)
            if scan.name.lower().rsplit(".", 1)[-1] not in ("pdf", "jpg", "jpeg", "png"):
                raise ValidationError(_("Send a PDF, JPEG or PNG file."), code="scan_type")
        return scan


CertificateFormSet = forms.formset_factory(CertificateForm, extra=1, can_delete=True, max_num=20)


class StockForm(forms.Form):
    """The one-step stock change on the product list."""

    stock = forms.IntegerField(
        label=_("In stock"),
        min_value=0,
        max_value=MAX_STOCK,
        error_messages={"min_value": _("Stock cannot be negative."), "invalid": _("Enter a whole number.")},
    )


def kept_rows(formset, known_ids: set) -> list[dict]:
    """The rows to keep: filled in and not removed; ids only of rows the form was given (never typed ones)."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        data = dict(data)
        if data.get("id") not in known_ids:
            data["id"] = None
        rows.append(data)
    return rows
