"""The seller workspace's Complaints screen: the business's own cases, each answered once before its deadline."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from seller.access import own_or_404, refuse_other_business, seller_required

from ..localisation import localise_order_lines
from . import services
from .forms import AnswerForm
from .models import CaseStatus


@seller_required
def case_list(request):
    cases = list(services.cases_for_business(request.producer)[:200])
    localise_order_lines([case.line for case in cases])
    waiting = [case for case in cases if case.status == CaseStatus.OPEN and not case.is_overdue]
    others = [case for case in cases if case not in waiting]
    return render(
        request, "orders/complaints/seller_case_list.html", {"tab": "complaints", "waiting": waiting, "others": others}
    )


@seller_required
@require_http_methods(["GET", "POST"])
def case_detail(request, pk):
    case = own_or_404(request, services.cases_for_business(request.producer), "complaint", pk=pk)
    localise_order_lines([case.line])
    form = AnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.answer_case(
                    case,
                    request.producer,
                    request.user,
                    answer=form.cleaned_data["answer"],
                    text=form.cleaned_data["text"],
                )
            except PermissionDenied as error:
                raise refuse_other_business(request, "complaint") from error
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your answer is sent to the buyer."))
                return redirect("seller:seller_complaint", pk=case.pk)
        status = 400
    context = {"tab": "complaints", "case": case, "line": case.line, "order": case.line.order, "form": form}
    return render(request, "orders/complaints/seller_case.html", context, status=status)
