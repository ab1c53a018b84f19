"""The moderators' register of data-subject requests in the Wagtail admin: overdue ones first,
then open ones by deadline; a moderator marks one done (and is recorded as having done it)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import DataRequest


class DataRequestForm(WagtailAdminModelForm):
    done = forms.BooleanField(label=_("Done"), required=False)

    class Meta:
        model = DataRequest
        fields = ["note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done"].initial = self.instance.done_at is not None

    def save(self, commit=True):
        entry = super().save(commit=False)
        if self.cleaned_data.get("done") and entry.done_at is None:
            entry.done_at = timezone.now()
            entry.done_by = self.for_user
        elif not self.cleaned_data.get("done"):
            entry.done_at = None
            entry.done_by = None
        if commit:
            entry.save()
        return entry


class DataRequestIndexView(IndexView):
    def get_base_queryset(self):
        return DataRequest.objects.select_related("done_by").register_order()


class DataRequestViewSet(ModelViewSet):
    model = DataRequest
    index_view_class = DataRequestIndexView
    icon = "lock"
    menu_label = _("Data requests")
    menu_order = 270
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "__str__",
        "received_at",
        "due_at",
        BooleanColumn("is_overdue", label=_("Overdue")),
        "done_at",
        "done_by",
    ]
    list_filter = ["kind"]
    inspect_view_fields = ["kind", "subject_label", "purpose", "received_at", "due_at", "done_at", "done_by", "note"]

    def get_form_class(self, for_update=False):
        return DataRequestForm
