"""Admin actions on whole orders: mark a transfer or cash payment received, cancel, refund."""

import stripe
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Order, PaymentMethod
from .payments import stripe_payments
from .permissions import can_handle_order, is_order_manager, security_log
from .services import cancel_order, mark_paid


def _back(request, order):
    target = request.POST.get("next", "")
    if target.startswith("/admin/"):
        return redirect(target)
    return redirect("orders_order:inspect", order.pk)


@require_POST
def mark_order_paid(request, pk):
    order = get_object_or_404(Order, pk=pk)
    if not can_handle_order(request.user, order):
        security_log.warning("user %s tried to mark order %s paid", request.user.pk, order.pk)
        raise PermissionDenied
    if order.payment_method == PaymentMethod.CARD:
        messages.error(request, _("Card payments are confirmed by Stripe, not by hand."))
    elif mark_paid(order, message=f"marked paid by {request.user.get_username()}", actor=request.user):
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
