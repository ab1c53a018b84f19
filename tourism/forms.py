"""Admin forms of the tourism pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class ItineraryPageForm(WagtailAdminPageForm):
    """Checks the stops as submitted (the model's clean only sees the saved ones)."""

    def clean(self):
        cleaned_data = super().clean()
        days = cleaned_data.get("days")
        formset = self.formsets.get("stops")
        if not days or formset is None or not formset.is_valid():
            return cleaned_data
        for form in formset.forms:
            if form.cleaned_data.get("DELETE"):
                continue
            day = form.cleaned_data.get("day")
            if day and day > days:
                raise ValidationError(
                    _("A stop is on day %(day)s but the itinerary has %(days)s days."),
                    code="stop_after_last_day",
                    params={"day": day, "days": days},
                )
        return cleaned_data
