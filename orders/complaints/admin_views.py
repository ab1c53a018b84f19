"""The moderators' queue of complaints in the Wagtail admin: overdue and disputed cases (computed
from the deadlines, no cron), refunds staff must pay, and each case's page to decide or mark paid."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.menu import MenuItem

from catalogue.permissions import is_moderator

from ..localisation import localise_order_lines
from ..permissions import is_order_manager, security_log
from . import services
from .forms import DecisionForm
from .models import Case

SHOWS = (
    ("queue", gettext_lazy("Needs a decision")),
    ("to_pay", gettext_lazy("Refunds to pay")),
    ("all", gettext_lazy("All cases")),
)


def _staff_or_404(request):
    if not is_order_manager(request.user):
        security_log.warning("user %s tried to open the complaints queue", request.user.pk)
        raise Http404


class ComplaintsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_order_manager(request.user)


def case_queue(request):
    _staff_or_404(request)
    show = request.GET.get("show", "queue")
    cases = {
        "queue": Case.objects.needs_moderator(),
        "to_pay": Case.objects.refunds_to_pay().order_by("decided_at"),
        "all": Case.objects.all(),
    }.get(show)
    if cases is None:
        show, cases = "queue", Case.objects.needs_moderator()
    cases = list(cases.select_related("line__order", "line__producer")[:200])
    context = {
        "page_title": _("Complaints and returns"),
        "cases": cases,
        "show": show,
        "shows": SHOWS,
        "queue_count": Case.objects.needs_moderator().count(),
    }
    return TemplateResponse(request, "orders/complaints/admin/queue.html", context)


@require_http_methods(["GET", "POST"])
def case_detail(request, pk):
    _staff_or_404(request)
    case = get_object_or_404(
        Case.objects.select_related("line__order", "line__producer").prefetch_related("photos__image", "events"), pk=pk
    )
    localise_order_lines([case.line])
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.decide_case(
                    case, request.user, outcome=data["outcome"], reason=data["reason"], amount=data["amount"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The decision is recorded and both sides are told by e-mail."))
                return redirect("orders_complaint", pk=case.pk)
        status = 400
    context = {
        "page_title": _("Case %(number)s") % {"number": case.pk},
        "case": case,
        "line": case.line,
        "order": case.line.order,
        "form": form,
        "can_decide": case.needs_moderator and is_moderator(request.user),
        "refundable": services.refundable_amount(case.line),
    }
    return TemplateResponse(request, "orders/complaints/admin/case.html", context, status=status)


@require_POST
def mark_paid(request, pk):
    _staff_or_404(request)
    case = get_object_or_404(Case, pk=pk)
    try:
        services.mark_refund_paid(case, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The refund is recorded as paid."))
    return redirect("orders_complaint", pk=case.pk)
