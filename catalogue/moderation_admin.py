"""The moderators' admin screens for seller identities, listing reports and takedowns."""

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from . import identity as identity_service
from .identity_views import admin_licence_scan
from .models import ListingReport, ReportStatus, SellerIdentity, Takedown
from .models.identity import LEGAL_FIELDS
from .permissions import is_moderator
from .takedown import is_listing_type, restore, take_down


def _moderators_only(request):
    if not is_moderator(request.user):
        raise PermissionDenied


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (the business reads it)"), widget=forms.Textarea(attrs={"rows": 3})
    )


# --- identities ---------------------------------------------------------------------------------


class IdentityIndexView(IndexView):
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        url = reverse("catalogue_identities:check", args=[instance.pk])
        buttons.insert(0, ListingButton(_("Check"), url=url, icon_name="search", priority=5))
        return buttons


def identity_check(request, pk):
    """The papers, the provider's answer (or why there is none), and verify or reject."""
    _moderators_only(request)
    identity = get_object_or_404(SellerIdentity.objects.select_related("application", "business", "verified_by"), pk=pk)
    reject_form = ReasonForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "verify":
                identity_service.verify_identity(identity, request.user)
                messages.success(request, _("“%(name)s” is verified.") % {"name": identity.legal_name})
                return redirect("catalogue_identities:index")
            if reject_form.is_valid():
                identity_service.reject_identity(identity, request.user, reject_form.cleaned_data["reason"])
                messages.success(request, _("“%(name)s” is rejected.") % {"name": identity.legal_name})
                return redirect("catalogue_identities:index")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    provider = identity_service.configured_provider()
    return TemplateResponse(
        request,
        "catalogue/admin/identity_check.html",
        {
            "identity": identity,
            "licences": list(identity.licences.all()),
            "provider": provider,
            "provider_answer": provider.check(identity) if provider else None,
            "no_provider_message": identity_service.NO_PROVIDER_MESSAGE,
            "reject_form": reject_form,
        },
    )


class SellerIdentityViewSet(ModelViewSet):
    model = SellerIdentity
    icon = "user"
    menu_label = gettext_lazy("Seller identities")
    menu_order = 251
    add_to_admin_menu = True
    url_prefix = "seller-identities"
    name = "catalogue_identities"
    index_view_class = IdentityIndexView
    list_display = ["legal_name", "legal_form", "registration_number", "tax_code", "status", "changed_at"]
    list_filter = ["status", "legal_form"]
    search_fields = ["legal_name", "tax_code", "registration_number"]
    form_fields = list(LEGAL_FIELDS)
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("check/<int:pk>/", identity_check, name="check"),
            path("licences/<int:pk>/scan/", admin_licence_scan, name="licence_scan"),
        ]


# --- reports and takedowns -----------------------------------------------------------------------


class ReportIndexView(IndexView):
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.status == ReportStatus.OPEN:
            url = reverse("catalogue_reports:decide", args=[instance.pk])
            buttons.insert(0, ListingButton(_("Decide"), url=url, icon_name="gavel", priority=5))
        return buttons


def report_decide(request, pk):
    """Dismiss the report, or take the listing down with a reason."""
    _moderators_only(request)
    report = get_object_or_404(ListingReport, pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("decision") == "dismiss":
            report.status, report.decided_at, report.decided_by = ReportStatus.DISMISSED, timezone.now(), request.user
            report.save(update_fields=["status", "decided_at", "decided_by"])
            messages.success(request, _("The report is dismissed."))
            return redirect("catalogue_reports:index")
        if form.is_valid() and report.listing is not None:
            take_down(report.listing, request.user, form.cleaned_data["reason"])
            messages.success(request, _("“%(title)s” is taken down.") % {"title": report.title})
            return redirect("catalogue_reports:index")
    others = ListingReport.objects.filter(content_type=report.content_type, object_id=report.object_id).exclude(pk=pk)
    return TemplateResponse(
        request,
        "catalogue/admin/report_decide.html",
        {"report": report, "form": form, "other_reports": others[:20]},
    )


def takedown_new(request, content_type_id, pk):
    """Take any listing down with a reason (from a page's menu or the board's queue)."""
    _moderators_only(request)
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    if not is_listing_type(content_type):
        raise PermissionDenied
    listing = get_object_or_404(content_type.model_class(), pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        take_down(listing, request.user, form.cleaned_data["reason"])
        messages.success(request, _("“%(title)s” is taken down.") % {"title": listing})
        return redirect("catalogue_takedowns:index")
    return TemplateResponse(request, "catalogue/admin/takedown_new.html", {"listing": listing, "form": form})


@require_POST
def takedown_restore(request, pk):
    _moderators_only(request)
    takedown = get_object_or_404(Takedown, pk=pk)
    try:
        restore(takedown, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is restored.") % {"title": takedown.title})
    return redirect("catalogue_takedowns:index")


class ListingReportViewSet(ModelViewSet):
    model = ListingReport
    icon = "warning"
    menu_label = gettext_lazy("Listing reports")
    menu_order = 252
    add_to_admin_menu = True
    url_prefix = "listing-reports"
    name = "catalogue_reports"
    index_view_class = ReportIndexView
    list_display = ["title", "reason", "status", "created_at"]
    list_filter = ["status", "reason"]
    search_fields = ["title", "details"]
    form_fields = ["status"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("decide/<int:pk>/", report_decide, name="decide")]


class TakedownIndexView(IndexView):
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.is_active:
            url = reverse("catalogue_takedowns:restore_confirm", args=[instance.pk])
            buttons.insert(0, ListingButton(_("Restore"), url=url, icon_name="undo", priority=5))
        return buttons


def takedown_restore_confirm(request, pk):
    _moderators_only(request)
    takedown = get_object_or_404(Takedown, pk=pk)
    return TemplateResponse(request, "catalogue/admin/takedown_restore.html", {"takedown": takedown})


class TakedownViewSet(ModelViewSet):
    model = Takedown
    icon = "cross"
    menu_label = gettext_lazy("Takedowns")
    menu_order = 253
    add_to_admin_menu = True
    url_prefix = "takedowns"
    name = "catalogue_takedowns"
    index_view_class = TakedownIndexView
    list_display = ["title", "reason", "taken_down_at", "taken_down_by", "restored_at"]
    search_fields = ["title", "reason"]
    form_fields = ["reason"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("new/<int:content_type_id>/<int:pk>/", takedown_new, name="new"),
            path("restore/<int:pk>/", takedown_restore_confirm, name="restore_confirm"),
            path("restore/<int:pk>/do/", takedown_restore, name="restore"),
        ]


identity_viewset = SellerIdentityViewSet()
report_viewset = ListingReportViewSet()
takedown_viewset = TakedownViewSet()


def takedown_url(listing) -> str:
    content_type = ContentType.objects.get_for_model(listing, for_concrete_model=False)
    return reverse("catalogue_takedowns:new", args=[content_type.pk, listing.pk])
