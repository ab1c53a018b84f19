from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.consent_fields import add_consent_fields
from catalogue.models import ProductPage
from catalogue.permissions import producers_for_user
from portal.phones import normalise_phone
from portal.places import province_choices, ward_choices
from portal.policies import PolicyKind
from portal.uploads import validate_image_pixels

from .labels import area_labels, category_labels, default_areas, default_categories
from .models import MAX_PRICE_PER_UNIT, BoardProfile, Offer, Request, Unit

MAX_PHOTO_BYTES = 5 * 1024 * 1024


class LabelledChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose option labels come from a prebuilt {pk: label} map."""

    def __init__(self, *args, labels=None, **kwargs):
        self.labels = labels or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return self.labels.get(obj.pk) or str(obj)


class PostForm(forms.ModelForm):
    price_per_unit = forms.IntegerField(
        label=_("Price per unit (đồng)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE_PER_UNIT,
        help_text=_("Leave empty for a negotiable price."),
        error_messages={"max_value": _("The price per unit cannot be more than 100,000,000,000 đồng.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["category"] = LabelledChoiceField(
            queryset=default_categories(), labels=category_labels(), required=False, label=_("Category")
        )
        self.fields["area"] = LabelledChoiceField(
            queryset=default_areas(), labels=area_labels(), required=False, label=_("Area (former district)")
        )
        producers = producers_for_user(user) if user else []
        if producers:
            self.fields["producer"].queryset = self.fields["producer"].queryset.filter(pk__in=[p.pk for p in producers])
            if not self.instance.pk:
                self.fields["producer"].initial = producers[0].pk
        else:
            del self.fields["producer"]
        # Accept the language's decimal mark: "12,5" in Vietnamese, "12.5" in English.
        for name in ("quantity", "min_order"):
            if name in self.fields:
                self.fields[name].localize = True
                self.fields[name].widget.is_localized = True
                self.fields[name].widget.input_type = "text"
                self.fields[name].widget.attrs["inputmode"] = "decimal"
        for name in ("description_vi", "description_en"):
            self.fields[name].widget.attrs["rows"] = 5
        if not self.instance.pk:  # a new post: the operating rules and privacy policy, unticked
            add_consent_fields(self, [PolicyKind.OPERATING_RULES, PolicyKind.PRIVACY])

    def clean(self):
        data = super().clean()
        if not data.get("description_vi", "").strip() and not data.get("description_en", "").strip():
            self.add_error("description_vi", _("Write a description in Vietnamese or English."))
        return data


PLACE_FIELDS = ["area", "ward_code", "address", "latitude", "longitude"]
TEXT_FIELDS = ["title_vi", "title_en", "description_vi", "description_en"]


class OfferForm(PostForm):
    ward_code = forms.TypedChoiceField(
        label=_("Ward or commune"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("This ward or commune is not in the chosen province.")},
    )
    photo = forms.ImageField(
        label=_("Add a photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB."),
        validators=[validate_image_pixels],
    )

    class Meta:
        model = Offer
        fields = [
            "producer",
            "product",
            *TEXT_FIELDS,
            "category",
            "quantity",
            "unit",
            "min_order",
            "price_per_unit",
            "available_from",
            "available_until",
            *PLACE_FIELDS,
        ]
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "available_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward_code"].choices = [("", _("Not specified"))] + ward_choices()
        producers = producers_for_user(self.user) if self.user else []
        self.fields["product"].queryset = (
            ProductPage.objects.filter(producer__in=producers, locale__language_code=settings.LANGUAGE_CODE)
            .order_by("title")
            .only("pk", "title")
        )
        self.fields["product"].required = False

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("The photo is larger than 5 MB."), code="photo_too_large")
        return photo


class RequestForm(PostForm):
    province_code = forms.TypedChoiceField(label=_("Delivery province"), coerce=int)
    # The wards and communes (2025 units) of the chosen province; with JavaScript off,
    # "Show the wards of this province" sends the form back with the new province's list.
    ward_code = forms.TypedChoiceField(
        label=_("Ward or commune"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Optional: the ward or commune of delivery."),
        error_messages={"invalid_choice": _("This ward or commune is not in the chosen province.")},
    )

    class Meta:
        model = Request
        fields = [
            "producer",
            *TEXT_FIELDS,
            "category",
            "quantity",
            "unit",
            "price_per_unit",
            "deadline",
            "province_code",
            "ward_code",  # next to its province and the button that lists that province's wards
            *[name for name in PLACE_FIELDS if name != "ward_code"],
        ]
        labels = {"address": _("Delivery place")}
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = province_choices()
        if not self.instance.pk:
            self.fields["province_code"].initial = settings.PROVINCE_CODE
        self.province = self._chosen_province()
        try:
            wards = ward_choices(self.province)
        except (ValueError, KeyError):  # an unknown province: its own field reports it
            wards = []
        self.fields["ward_code"].choices = [("", _("Not specified"))] + wards
        self.fields["price_per_unit"].label = _("Target price per unit (đồng)")
        self.fields["area"].help_text = _("Only for deliveries within the province.")

    def _chosen_province(self) -> int:
        """The province whose wards the ward field offers: the one submitted, else the post's."""
        if self.is_bound:
            raw = self.data.get(self.add_prefix("province_code"))
        else:
            raw = self.initial.get("province_code") or self.fields["province_code"].initial
        try:
            return int(raw)
        except (TypeError, ValueError):
            return self.instance.province_code or settings.PROVINCE_CODE


class BoardFilterForm(forms.Form):
    KIND_CHOICES = [("", _("Offers and requests")), ("offer", _("Offers to sell")), ("request", _("Requests to buy"))]
    SHOW_CHOICES = [("open", _("Still open")), ("all", _("Open and closed"))]

    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, required=False)
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int, empty_value=None)
    area = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)
    unit = forms.ChoiceField(label=_("Unit"), choices=[("", "—"), *Unit.choices], required=False)
    quantity_min = forms.DecimalField(
        label=_("Quantity from"), required=False, min_value=0, max_digits=14, localize=True
    )
    quantity_max = forms.DecimalField(label=_("Quantity to"), required=False, min_value=0, max_digits=14, localize=True)
    show = forms.ChoiceField(label=_("Show"), choices=SHOW_CHOICES, required=False)

    def __init__(self, *args, categories=None, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        categories = categories if categories is not None else category_labels()
        areas = areas if areas is not None else area_labels()
        self.fields["category"].choices = [("", _("All categories"))] + sorted(
            categories.items(), key=lambda item: item[1]
        )
        self.fields["area"].choices = [("", _("All areas"))] + sorted(areas.items(), key=lambda item: item[1])


class InquiryForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your phone and e-mail are shown to the poster only after they answer."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Once you answer, you and the sender see each other's phone and e-mail."),
    )


class ProfileForm(forms.ModelForm):
    email = forms.EmailField(label=_("E-mail"), required=False)

    class Meta:
        model = BoardProfile
        fields = ["display_name", "phone"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["email"].initial = user.email if user else ""
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        return normalise_phone(phone, vietnamese_only=False) if phone else ""
