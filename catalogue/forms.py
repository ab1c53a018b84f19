"""Public forms: business sign-up and the category page filters."""

from functools import partial

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from portal.models import Area
from portal.money import DongField
from portal.phones import normalise_phone

from .models import BusinessApplication, CertificateKind, ProductCertificate
from .models.pages import ward_select_choices

STAR_CHOICES = [("", _("Any")), ("3", _("3 stars or more")), ("4", _("4 stars or more")), ("5", _("5 stars"))]


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


def area_choices(locale) -> list[tuple[str, str]]:
    """(slug, name) of the areas in one language, by name, after "Any"."""
    areas = Area.objects.all() if locale is None else Area.objects.filter(locale=locale)
    return [("", _("Any")), *areas.order_by("name").values_list("slug", "name")]


class ProductFilterForm(forms.Form):
    """Filters of a category page. Invalid values are dropped (and reported), never fatal."""

    area = forms.ChoiceField(label=_("Area"), required=False)
    stars = forms.ChoiceField(label=_("OCOP stars"), choices=STAR_CHOICES, required=False)
    certificate = forms.ChoiceField(
        label=_("Certificate"), choices=[("", _("Any"))] + list(CertificateKind.choices), required=False
    )
    # Typed as the language writes prices: "50.000" in Vietnamese is 50000 đồng.
    price_min = DongField(label=_("Price from (đồng)"), required=False)
    price_max = DongField(label=_("Price up to (đồng)"), required=False)

    def __init__(self, data=None, *, locale=None):
        # Only the filter keys: "page" and unknown parameters are not our business.
        data = {key: data.get(key) for key in self.base_fields if data and data.get(key) not in (None, "")}
        super().__init__(data)
        # A callable: the areas are read when the field is rendered (inside the category's
        # cached listing) or an area is asked for, not for every form.
        self.fields["area"].choices = partial(area_choices, locale)

    def valid_filters(self) -> dict:
        """The values that passed validation; bad ones are left out (see `ignored`)."""
        self.is_valid()
        values = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        low, high = values.get("price_min"), values.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The upper price is below the lower price."))
            values.pop("price_max")
        return values

    @property
    def ignored(self) -> list[str]:
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    def filter(self, products):
        values = self.valid_filters()
        if "area" in values:
            products = products.filter(origin_area__slug=values["area"])
        if "stars" in values:
            products = products.filter(ocop_stars__gte=int(values["stars"]))
        if "certificate" in values:
            products = products.filter(
                Exists(ProductCertificate.objects.filter(page=OuterRef("pk"), kind=values["certificate"]))
            )
        if "price_min" in values:
            products = products.filter(price_min__gte=values["price_min"])
        if "price_max" in values:
            products = products.filter(price_min__lte=values["price_max"])
        return products

    @property
    def is_filtered(self) -> bool:
        return bool(self.valid_filters())
