"""The buyer's side: open a complaint or return request on a delivered line of their own order
(/{lang}/account/orders/<code>/complaint/, `?line=<id>` preselects), accept or dispute the answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..codes import normalise_code
from ..localisation import localise_order_lines
from ..models import Order
from . import services
from .forms import CaseForm, DisputeForm
from .models import Case

account_required = login_required(login_url="account_login")


def _own_order(request, code) -> Order:
    # Someone else's order or none: 404, as the account's order page answers.
    return get_object_or_404(Order, code=normalise_code(code), user=request.user)


@account_required
@require_http_methods(["GET", "POST"])
def open_case(request, code):
    order = _own_order(request, code)
    rows = services.lines_with_refusals(order)
    localise_order_lines([line for line, _refusal in rows])
    eligible = [line for line, refusal in rows if refusal is None]
    refused = [(line, refusal) for line, refusal in rows if refusal is not None]
    asked = request.GET.get("line", "")
    asked_refusal = next((refusal for line, refusal in refused if str(line.pk) == asked), None)
    initial = {"line": int(asked)} if asked.isdigit() and any(str(line.pk) == asked for line in eligible) else {}
    form = CaseForm(request.POST or None, request.FILES or None, lines=eligible, initial=initial)
    status = 200
    if request.method == "POST":
        if eligible and form.is_valid():
            data = form.cleaned_data
            line = next(line for line in eligible if line.pk == data["line"])
            try:
                services.open_case(
                    line,
                    request.user,
                    kind=data["kind"],
                    reason=data["reason"],
                    description=data["description"],
                    photos=data["photos"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your request is sent to the business. We will e-mail you its answer."))
                return redirect("accounts:order_detail", code=order.code)
        status = 400
    context = {"order": order, "form": form, "eligible": eligible, "refused": refused, "asked_refusal": asked_refusal}
    return render(request, "orders/complaints/case_form.html", context, status=status)


@account_required
@require_POST
def respond(request, code, pk):
    order = _own_order(request, code)
    case = get_object_or_404(Case, pk=pk, line__order=order)
    try:
        if request.POST.get("action") == "accept":
            services.accept_answer(case, request.user)
            messages.success(request, _("You accepted the business's answer: the case is closed."))
        else:
            form = DisputeForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["text"])
            services.dispute_answer(case, request.user, form.cleaned_data["text"])
            messages.success(request, _("The moderators will look at your case and decide."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:order_detail", code=order.code)
