"""Company invoice (e-invoice) details asked for at checkout and stored on the order.

The box decides: unticked, whatever the invoice fields hold is dropped; ticked, the company's
name, tax code (portal.tax_codes) and address are required, the e-mail falls back to the
order's. Without JavaScript the fields are simply shown under the box.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.tax_codes import normalise_tax_code

INVOICE_FIELDS = ("invoice_company_name", "invoice_tax_code", "invoice_address", "invoice_email")


class InvoiceDetailsForm(forms.Form):
    wants_invoice = forms.BooleanField(label=_("I need a company invoice (VAT e-invoice)"), required=False)
    invoice_company_name = forms.CharField(label=_("Company name"), max_length=255, required=False)
    invoice_tax_code = forms.CharField(
        label=_("Tax code"),
        max_length=20,
        required=False,
        help_text=_("10 digits, or 13 for a branch (e.g. 0100109106 or 0100109106-001)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    invoice_address = forms.CharField(label=_("Company address"), max_length=255, required=False)
    invoice_email = forms.EmailField(
        label=_("E-mail for the invoice"),
        required=False,
        help_text=_("Empty: the e-mail above."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("wants_invoice"):
            cleaned.update(dict.fromkeys(INVOICE_FIELDS, ""))
            return cleaned
        for name in ("invoice_company_name", "invoice_address"):
            if not (cleaned.get(name) or "").strip() and name not in self.errors:
                self.add_error(name, ValidationError(_("Needed for a company invoice."), code="required"))
        raw_code = cleaned.get("invoice_tax_code", "")
        if "invoice_tax_code" in self.errors:
            pass
        elif not raw_code.strip():
            self.add_error("invoice_tax_code", ValidationError(_("Needed for a company invoice."), code="required"))
        else:
            try:
                cleaned["invoice_tax_code"] = normalise_tax_code(raw_code)
            except ValidationError as error:
                self.add_error("invoice_tax_code", error)
        if not cleaned.get("invoice_email") and "invoice_email" not in self.errors:
            cleaned["invoice_email"] = cleaned.get("email", "")
        return cleaned

    def invoice_details(self) -> dict[str, str]:
        """The order's invoice fields from the cleaned data (all empty when none was asked for)."""
        return {name: (self.cleaned_data.get(name) or "").strip() for name in INVOICE_FIELDS}
