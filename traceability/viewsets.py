"""Admin for businesses: their own batches, locations, events, alerts and capture tokens only."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from catalogue.permissions import can_manage_producer, is_moderator, managed_producer_keys

from . import services
from .alerts import AlertDecisionForm, confirm_alert, dismiss_alert
from .forms import BatchForm, EventForm, LocationForm, ProducerScopedForm, RecallForm
from .models import Batch, CaptureToken, Location, ProblemReport, ScanAlert, TraceEvent

security_log = logging.getLogger("xuthanh.security")


class FormClassMixin:
    form_class = None

    def get_form_class(self, for_update=False):
        return self.form_class or super().get_form_class(for_update)


class ProducerOwnedPolicy(ModelPermissionPolicy):
    """Moderators: everything. A business (page permissions on a producer): its own rows."""

    producer_path = "producer"
    business_actions = {"add", "change", "view"}

    def user_has_permission(self, user, action):
        if is_moderator(user) or super().user_has_permission(user, action):
            return True
        return action in self.business_actions and bool(managed_producer_keys(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def _producer_of(self, instance):
        obj = instance
        for part in self.producer_path.split("__"):
            obj = getattr(obj, part, None)
        return obj

    def user_has_permission_for_instance(self, user, action, instance):
        if is_moderator(user):
            return True
        return self.user_has_permission(user, action) and can_manage_producer(user, self._producer_of(instance))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        qs = self.model._default_manager.all()
        if is_moderator(user):
            return qs
        return qs.filter(**{f"{self.producer_path}__translation_key__in": managed_producer_keys(user)})


class AlertPolicy(ProducerOwnedPolicy):
    producer_path = "batch__producer"
    business_actions = {"change", "view"}


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["view", "change"])


class ScopedEditView(generic.EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", obj):
            security_log.warning(
                "User %s refused %s %s (another business's)", self.request.user.pk, obj._meta.label, obj.pk
            )
            raise PermissionDenied
        return obj


class OwnObjectMixin:
    """History and usage pages exist only for the rows of the user's own business (404 otherwise)."""

    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["view", "change"])


class ScopedHistoryView(OwnObjectMixin, generic.HistoryView):
    pass


class ScopedUsageView(OwnObjectMixin, generic.UsageView):
    pass


class ScopedDeleteView(generic.DeleteView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "delete", obj):
            security_log.warning("User %s refused deleting %s %s", self.request.user.pk, obj._meta.label, obj.pk)
            raise PermissionDenied
        return obj


def _batch_for(request, pk) -> Batch:
    batch = get_object_or_404(Batch.objects.select_related("product", "producer", "variant"), pk=pk)
    if not can_manage_producer(request.user, batch.producer):
        security_log.warning("User %s refused batch %s of producer %s", request.user.pk, batch.pk, batch.producer_id)
        raise PermissionDenied
    return batch


def batch_trace_view(request, pk):
    """A batch's events, chain state, QR, and the forms to add an event or recall it."""
    batch = _batch_for(request, pk)
    event_form = EventForm(batch=batch, user=request.user)
    recall_form = RecallForm()
    if request.method == "POST" and "record" in request.POST:
        event_form = EventForm(request.POST, batch=batch, user=request.user)
        if event_form.is_valid():
            d = event_form.cleaned_data
            readings = []
            if d.get("temperature") is not None:
                readings = [{"type": "Temperature", "value": d["temperature"], "uom": "CEL"}]
            attachments = []
            if d.get("document"):
                attachments.append((d["document"].title, d["document"], None))
            if d.get("photo"):
                attachments.append((d["photo"].title, None, d["photo"]))
            try:
                services.record_event(
                    batch,
                    activity=d["activity"],
                    event_time=d["event_time"],
                    location=d.get("location"),
                    description_vi=d["description_vi"],
                    description_en=d.get("description_en", ""),
                    input_product=d.get("input_product", ""),
                    dose=d.get("dose", ""),
                    quantity=d.get("quantity"),
                    sensor_readings=readings,
                    inputs=[(b, None) for b in d.get("inputs") or []],
                    attachments=attachments,
                    recorded_by=request.user,
                )
            except ValidationError as error:
                event_form.add_error(None, error)
            else:
                messages.success(request, _("Event recorded."))
                return redirect("batches:trace", pk=batch.pk)
    elif request.method == "POST" and "recall" in request.POST:
        recall_form = RecallForm(request.POST)
        if recall_form.is_valid():
            services.recall_batch(batch, recall_form.cleaned_data["reason"], request.user)
            messages.warning(request, _("Batch recalled. Its trace page now shows the recall."))
            return redirect("batches:trace", pk=batch.pk)
    events = list(TraceEvent.objects.filter(batch=batch).select_related("location", "recorded_by").order_by("sequence"))
    return TemplateResponse(
        request,
        "traceability/admin/batch_trace.html",
        {
            "batch": batch,
            "events": events,
            "chain": batch.verify_chain(),
            "event_form": event_form,
            "recall_form": recall_form,
            "alerts": ScanAlert.objects.filter(batch=batch)[:20],
            "affected_orders": services.affected_orders(batch) if batch.is_recalled else [],
            "header_title": str(batch),
        },
    )


class BatchViewSet(FormClassMixin, ModelViewSet):
    model = Batch
    form_class = BatchForm
    icon = "list-ul"
    menu_label = _("Batches")
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    delete_view_enabled = False
    list_display = [
        TitleColumn("lot_number", label=_("Lot (events, QR, recall)"), url_name="batches:trace"),
        "product",
        "production_date",
        "expiry_date",
        "status",
    ]
    list_filter = ["status"]
    search_fields = ["lot_number"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("<int:pk>/trace/", batch_trace_view, name="trace")]


class LocationViewSet(FormClassMixin, ModelViewSet):
    model = Location
    form_class = LocationForm
    icon = "site"
    menu_label = _("Locations")
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    delete_view_class = ScopedDeleteView
    list_display = ["name", "kind", "producer", "gln"]


class AlertEditView(ScopedEditView):
    """Confirm (consumers are warned) or dismiss an alert: traceability/alerts.py."""

    def save_instance(self):
        decision = self.form.cleaned_data.get("decision")
        if decision == AlertDecisionForm.CONFIRM:
            return confirm_alert(self.form.instance, self.request.user)
        if decision == AlertDecisionForm.DISMISS:
            return dismiss_alert(self.form.instance, self.request.user)
        return self.form.instance


class AlertViewSet(FormClassMixin, ModelViewSet):
    model = ScanAlert
    form_class = AlertDecisionForm
    icon = "warning"
    menu_label = _("Scan alerts")
    add_view_enabled = False
    delete_view_enabled = False
    index_view_class = ScopedIndexView
    edit_view_class = AlertEditView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    list_display = ["batch", "kind", "created_at", "scan_count", "distinct_clients", "confirmed_at", "resolved"]
    list_filter = ["kind", "resolved"]


class ProblemReportForm(WagtailAdminModelForm):
    """The consumer's words are read-only; the producer or a moderator marks the report resolved."""

    class Meta:
        model = ProblemReport
        fields = ["kind", "message", "contact", "resolved"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "message", "contact"):
            self.fields[name].disabled = True


class ProblemReportViewSet(FormClassMixin, ModelViewSet):
    model = ProblemReport
    form_class = ProblemReportForm
    icon = "mail"
    menu_label = _("Problem reports")
    add_view_enabled = False
    delete_view_enabled = False
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    list_display = ["batch", "kind", "created_at", "resolved"]
    list_filter = ["kind", "resolved"]


class TokenCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        raw = instance.set_new_token()
        instance.save()
        messages.success(
            self.request,
            format_html(
                "{} <code>{}</code>",
                _("Copy this token now; it is shown only once:"),
                raw,
            ),
        )
        return instance


class TokenForm(ProducerScopedForm):
    class Meta:
        model = CaptureToken
        fields = ["producer", "name", "read_only", "is_active"]


class TokenViewSet(FormClassMixin, ModelViewSet):
    model = CaptureToken
    form_class = TokenForm
    icon = "key"
    menu_label = _("EPCIS tokens")
    index_view_class = ScopedIndexView
    add_view_class = TokenCreateView
    edit_view_class = ScopedEditView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    delete_view_class = ScopedDeleteView
    list_display = ["name", "producer", "prefix", "read_only", "is_active", "last_used_at"]


class TraceabilityGroup(ViewSetGroup):
    menu_label = _("Traceability")
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        BatchViewSet("batches"),
        LocationViewSet("locations"),
        AlertViewSet("scan_alerts"),
        ProblemReportViewSet("problem_reports"),
        TokenViewSet("epcis_tokens"),
    )


def register_policies() -> None:
    from wagtail.permissions import register_permission_policy

    register_permission_policy(Batch, ProducerOwnedPolicy(Batch))
    location_policy = ProducerOwnedPolicy(Location)
    location_policy.business_actions = {"add", "change", "view", "delete"}
    register_permission_policy(Location, location_policy)
    register_permission_policy(ScanAlert, AlertPolicy(ScanAlert))
    register_permission_policy(ProblemReport, AlertPolicy(ProblemReport))
    token_policy = ProducerOwnedPolicy(CaptureToken)
    token_policy.business_actions = {"add", "change", "view", "delete"}
    register_permission_policy(CaptureToken, token_policy)
