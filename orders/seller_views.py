"""The orders' screens in the seller workspace: the business's own lines, and fulfilling them."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from seller.access import own_or_404, refuse_other_business, seller_required

from . import seller_services
from .localisation import localise_order_lines
from .models import LineStatus
from .privacy import buyer_contact, line_states, line_states_by_order
from .seller_packing_slip import packing_slip_pdf

FILTERS = (
    ("open", gettext_lazy("To pack and ship")),
    ("shipped", gettext_lazy("On the way")),
    ("done", gettext_lazy("Delivered or cancelled")),
    ("all", gettext_lazy("All")),
)


class ShipForm(forms.Form):
    batch = forms.ModelChoiceField(label=gettext_lazy("Batch shipped"), queryset=None, required=False)
    carrier = forms.CharField(
        label=gettext_lazy("Carrier (optional)"),
        max_length=80,
        required=False,
        help_text=gettext_lazy("e.g. Viettel Post, GHN, or your own delivery"),
    )
    tracking_number = forms.CharField(label=gettext_lazy("Tracking number (optional)"), max_length=80, required=False)

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["batch"]
        field.queryset = seller_services.batch_choices(line)
        field.label_from_instance = lambda b: f"{b.lot_number} · {b.production_date:%d/%m/%Y}"
        field.required = seller_services.needs_batch(line)
        field.empty_label = None if field.required else gettext_lazy("No batch")
        field.help_text = gettext_lazy("Which of your batches these items came from (for traceability and recalls).")


@seller_required
def order_list(request):
    show = request.GET.get("show", "open")
    if show not in dict(FILTERS):
        show = "open"
    groups = seller_services.orders_with_lines(request.producer, show)
    localise_order_lines([line for group in groups for line in group["lines"]])
    # The buyer's contact follows all of the business's lines in each order, not only those shown.
    states = line_states_by_order(seller_services.lines_of(request.producer), [g["order"].pk for g in groups])
    for group in groups:
        group["unpaid"] = seller_services.awaits_payment(group["order"])
        group["contact"] = buyer_contact(group["order"], states[group["order"].pk])
    context = {"tab": "orders", "groups": groups, "show": show, "filters": FILTERS}
    return render(request, "orders/seller/order_list.html", context)


@seller_required
@require_http_methods(["GET", "POST"])
def order_line(request, pk):
    line = own_or_404(request, seller_services.lines_of(request.producer), "order line", pk=pk)
    ship_form = ShipForm(line=line)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "pack":
                seller_services.pack_line(line, actor=request.user)
                messages.success(request, _("Marked as packed."))
            elif action == "ship":
                ship_form = ShipForm(request.POST, line=line)
                if not ship_form.is_valid():
                    return _line_page(request, line, ship_form, status=400)
                seller_services.ship_line(
                    line,
                    ship_form.cleaned_data["batch"],
                    actor=request.user,
                    carrier=ship_form.cleaned_data["carrier"],
                    tracking_number=ship_form.cleaned_data["tracking_number"],
                )
                messages.success(request, _("Marked as shipped."))
            elif action == "deliver":
                seller_services.deliver_line(line, actor=request.user)
                messages.success(request, _("Marked as delivered."))
            else:
                return _line_page(request, line, ship_form, error=_("Choose an action."), status=400)
        except ValidationError as error:
            return _line_page(request, line, ship_form, error=" ".join(error.messages), status=400)
        return redirect("seller:seller_order_line", pk=line.pk)
    return _line_page(request, line, ship_form)


def _line_page(request, line, ship_form, error="", status=200):
    line.refresh_from_db()
    siblings = list(seller_services.lines_of(request.producer).filter(order_id=line.order_id).order_by("pk"))
    localise_order_lines([line, *siblings])
    context = {
        "tab": "orders",
        "line": line,
        "order": line.order,
        "siblings": siblings,
        "contact": buyer_contact(line.order, line_states(siblings)),
        "ship_form": ship_form,
        "error": error,
        "unpaid": seller_services.awaits_payment(line.order),
        "needs_batch": seller_services.needs_batch(line),
        "can_pack": LineStatus.PACKED in line.allowed_transitions(),
        "can_ship": LineStatus.SHIPPED in line.allowed_transitions(),
        "can_deliver": LineStatus.DELIVERED in line.allowed_transitions(),
    }
    return render(request, "orders/seller/order_line.html", context, status=status)


@seller_required
def packing_slip(request, code):
    lines = list(seller_services.lines_of(request.producer).filter(order__code=code).order_by("pk"))
    if not lines:
        raise refuse_other_business(request, "order")
    localise_order_lines(lines)
    contact = buyer_contact(lines[0].order, line_states(lines))
    pdf = packing_slip_pdf(lines[0].order, lines, request.producer, get_language(), contact=contact)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="packing-slip-{code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
