"""Public forms: the business sign-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Area
from portal.phones import normalise_phone
from portal.places import ward_select_choices

from .models import BusinessApplication


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
