"""Admin forms: batches, locations and the event form with farm activities."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.permissions import policy_registry

from catalogue.permissions import is_moderator, producers_for_user

from .models import Batch, Location
from .vocabulary import ACTIVITIES_WITH_INPUT, Activity


class ProducerScopedForm(WagtailAdminModelForm):
    """Limits producer, product, variant and location choices to the user's own producers."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        from catalogue.models import ProducerPage, ProductPage, ProductVariant

        # A moderator records for any producer; a business for its own.
        producers = (
            ProducerPage.objects.filter(locale=Locale.get_default()).order_by("title", "pk")
            if is_moderator(for_user)
            else producers_for_user(for_user)
        )
        keys = producers.values("translation_key")
        if "producer" in self.fields:
            self.fields["producer"].queryset = producers
        if "product" in self.fields:
            self.fields["product"].queryset = ProductPage.objects.filter(
                producer__translation_key__in=keys, locale_id=producers.values("locale_id")[:1]
            ).order_by("title")
        if "variant" in self.fields:
            self.fields["variant"].queryset = ProductVariant.objects.filter(
                product__producer__translation_key__in=keys
            ).select_related("product")
        if "origin" in self.fields:
            self.fields["origin"].queryset = Location.objects.filter(producer__translation_key__in=keys)


class BatchForm(ProducerScopedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Once labels may be printed and events recorded, the identity of a batch is fixed.
        if self.instance.pk and self.instance.events.exists():
            for name in ("product", "variant", "lot_number"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once events are recorded.")

    class Meta:
        model = Batch
        fields = [
            "product",
            "variant",
            "lot_number",
            "production_date",
            "expiry_date",
            "quantity",
            "unit",
            "origin",
        ]


class LocationForm(ProducerScopedForm):
    class Meta:
        model = Location
        fields = ["producer", "name", "kind", "address", "area", "latitude", "longitude", "gln"]


ACTIVITY_CHOICES = [(a.value, a.label) for a in Activity if a not in (Activity.RECALLING, Activity.CORRECTING)]


class EventForm(forms.Form):
    """What a farmer or processor records; mapped onto EPCIS by `record_event`."""

    activity = forms.ChoiceField(label=_("What happened"), choices=ACTIVITY_CHOICES)
    event_time = forms.DateTimeField(label=_("When"), widget=AdminDateTimeInput, initial=timezone.now)
    location = forms.ModelChoiceField(label=_("Where"), queryset=Location.objects.none(), required=False)
    description_vi = forms.CharField(label=_("Description (Vietnamese)"), widget=forms.Textarea(attrs={"rows": 3}))
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    input_product = forms.CharField(
        label=_("Product used"), max_length=200, required=False, help_text=_("For fertilising and spraying.")
    )
    dose = forms.CharField(label=_("Dose"), max_length=100, required=False, help_text=_("e.g. 20 kg/ha, 1 ml/l"))
    quantity = forms.DecimalField(label=_("Quantity"), required=False, min_value=0, max_digits=12, decimal_places=3)
    temperature = forms.FloatField(
        label=_("Temperature (°C)"), required=False, min_value=-50, max_value=150, help_text=_("Storage or transport.")
    )
    inputs = forms.ModelMultipleChoiceField(
        label=_("Made from batches"),
        queryset=Batch.objects.none(),
        required=False,
        help_text=_("For processing: the batches that went in."),
    )
    document = forms.ModelChoiceField(
        label=_("Certificate or lab report"), queryset=get_document_model().objects.none(), required=False
    )
    photo = forms.ModelChoiceField(label=_("Photo"), queryset=get_image_model().objects.none(), required=False)

    def __init__(self, *args, batch, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        key = batch.producer.translation_key
        self.fields["location"].queryset = Location.objects.filter(producer__translation_key=key)
        self.fields["inputs"].queryset = Batch.objects.filter(producer__translation_key=key).exclude(pk=batch.pk)
        # Only what the user may choose: a business never attaches another's documents.
        for field, model in (("document", get_document_model()), ("photo", get_image_model())):
            policy = policy_registry.get_by_type(model)
            self.fields[field].queryset = policy.instances_user_has_any_permission_for(user, ["choose"])

    def clean(self):
        data = super().clean()
        activity = data.get("activity")
        if activity in ACTIVITIES_WITH_INPUT and not data.get("input_product"):
            self.add_error("input_product", _("Say which product was applied."))
        if activity in ACTIVITIES_WITH_INPUT and not data.get("dose"):
            self.add_error("dose", _("Say how much was applied."))
        if activity == Activity.PROCESSING and not data.get("inputs"):
            self.add_error("inputs", _("Choose the batches that went into processing."))
        if data.get("event_time") and data["event_time"] > timezone.now() + timezone.timedelta(minutes=10):
            raise ValidationError(_("An event cannot be in the future."))
        return data


class RecallForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the recall"), widget=forms.Textarea(attrs={"rows": 3}))
