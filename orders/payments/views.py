"""Payment endpoints without a language prefix: the Stripe webhook, the return from the payment page
and the bank-transfer notifications (PayOS)."""

import logging

import stripe
from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from ..views import order_from_code
from . import stripe_payments, transfers

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        outcome = stripe_payments.handle_webhook(request.body, request.headers.get("Stripe-Signature", ""))
    except stripe_payments.WebhookRejected:
        return HttpResponseBadRequest("invalid signature")
    logger.info("Stripe webhook: %s", outcome)
    return HttpResponse(outcome, content_type="text/plain")


@csrf_exempt
@require_POST
def transfer_webhook(request):
    """PayOS reports a transfer to the marketplace's account. Bad signature: 400, nothing stored.
    Anything verified is acknowledged with 200 (PayOS retries otherwise), a replay included."""
    try:
        notification = transfers.handle_webhook(request.body)
    except transfers.TransfersNotConfigured:
        return HttpResponse(
            "Transfer notifications are not configured (PAYOS_CLIENT_ID, PAYOS_API_KEY, PAYOS_CHECKSUM_KEY).",
            status=503,
            content_type="text/plain",
        )
    except transfers.WebhookRejected:
        return HttpResponseBadRequest("invalid signature", content_type="text/plain")
    outcome = notification.outcome if notification else "duplicate"
    logger.info("PayOS webhook: %s", outcome)
    return JsonResponse({"success": True, "outcome": outcome})


@require_GET
def stripe_return(request, code):
    """Stripe sends the shopper back here; we ask Stripe ourselves rather than trust the query string."""
    order = order_from_code(code)
    with translation.override(order.language):
        try:
            if stripe_payments.sync_intent(order):
                messages.success(request, _("Thank you, your payment has been received."))
        except stripe.StripeError:
            logger.exception("could not retrieve the PaymentIntent of order %s", order.code)
        return redirect(order.get_absolute_url())
