"""Admin actions on whole orders: mark a transfer or cash payment received, cancel, refund."""

import stripe
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .models import Order, PaymentMethod
from .payments import stripe_payments
from .permissions import can_confirm_payment, is_order_manager, security_log
from .services import cancel_order, mark_paid


def _back(request, order):
    """Back to `next` when it is an admin page of this site, else to the order."""
    target = request.POST.get("next", "")
    same_site = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    if same_site and target.startswith("/admin/"):
        return redirect(target)
    return redirect("orders_order:inspect", order.pk)


@require_http_methods(["GET", "POST"])
def mark_order_paid(request, pk):
    """Confirm that a transfer or cash payment arrived: the marketplace's staff only, after a
    confirmation page (GET), done by the POST from it and written to the order's history."""
    if not can_confirm_payment(request.user):
        # Not even whether the order exists: a business's lines do not make it the payee.
        security_log.warning("user %s tried to mark order %s paid", request.user.pk, pk)
        raise Http404
    order = get_object_or_404(Order, pk=pk)
    if order.payment_method == PaymentMethod.CARD:
        messages.error(request, _("Card payments are confirmed by Stripe, not by hand."))
        return _back(request, order)
    if request.method == "GET":
        return TemplateResponse(
            request,
            "orders/admin/mark_paid_confirm.html",
            {"order": order, "page_title": _("Confirm payment of order %(code)s") % {"code": order.code}},
        )
    if mark_paid(order, message=f"marked paid by {request.user.get_username()}", actor=request.user):
        security_log.info("user %s marked order %s paid", request.user.pk, order.pk)
        messages.success(request, _("Order %(code)s is marked as paid.") % {"code": order.code})
    else:
        messages.info(request, _("Order %(code)s was already paid.") % {"code": order.code})
    return _back(request, order)


@require_POST
def cancel_whole_order(request, pk):
    order = get_object_or_404(Order, pk=pk)
    if not is_order_manager(request.user):
        raise PermissionDenied
    if cancel_order(order, actor=request.user, message=request.POST.get("reason", "")[:200]):
        messages.success(request, _("Order %(code)s is cancelled; its stock is back on sale.") % {"code": order.code})
    return _back(request, order)


@require_POST
def refund_order(request, pk):
    order = get_object_or_404(Order, pk=pk)
    if not is_order_manager(request.user):
        raise PermissionDenied
    try:
        amount = int(request.POST.get("amount", "").replace(".", "").replace(",", "").strip())
    except ValueError:
        amount = 0
    try:
        refund = stripe_payments.refund(order, amount, actor=request.user)
    except ValueError:
        messages.error(request, _("Enter an amount between 1 and what is left to refund."))
    except stripe.StripeError as error:
        messages.error(request, _("Stripe refused the refund: %(error)s") % {"error": error.user_message or error})
    else:
        messages.success(
            request, _("Refunded %(amount)s đồng (%(status)s).") % {"amount": refund.amount, "status": refund.status}
        )
    return _back(request, order)
