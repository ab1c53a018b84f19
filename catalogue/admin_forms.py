"""Admin forms: the variant inline refuses bad prices, stock, SKUs and GTINs with clear messages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .gtin import normalize_gtin
from .limits import MAX_PRICE_DONG, MAX_STOCK


def _number_error_messages(negative_message):
    return {"min_value": negative_message, "invalid": _("Enter a whole number.")}


class ProductVariantAdminForm(WagtailAdminModelForm):
    """Field messages that say what is wrong instead of Django's generic bounds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        messages = {
            "price": _("The price cannot be negative or zero: enter the price in đồng, e.g. 150000."),
            "compare_at_price": _("The compare-at price cannot be negative."),
            "stock": _("Stock cannot be negative."),
            "weight_grams": _("The weight cannot be negative."),
        }
        for name, message in messages.items():
            field = self.fields.get(name)
            if field is not None:
                field.error_messages.update(_number_error_messages(message))

    def clean_sku(self):
        sku = (self.cleaned_data.get("sku") or "").strip()
        if not sku:
            raise forms.ValidationError(_("Every variant needs a SKU."), code="required")
        return sku

    def clean_gtin(self):
        value = self.cleaned_data.get("gtin")
        if not value:
            return None
        return normalize_gtin(value)

    def clean_price(self):
        price = self.cleaned_data.get("price")
        if price is not None:
            if price <= 0:
                raise forms.ValidationError(self.fields["price"].error_messages["min_value"], code="min_value")
            if price > MAX_PRICE_DONG:
                raise forms.ValidationError(_("This price is implausibly high; check for extra zeros."))
        return price

    def clean_stock(self):
        stock = self.cleaned_data.get("stock")
        if stock is not None and stock > MAX_STOCK:
            raise forms.ValidationError(_("This stock figure is implausibly high."))
        return stock
