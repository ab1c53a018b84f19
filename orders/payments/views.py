"""Payment endpoints without a language prefix: the Stripe webhook and the return from the payment page."""

import logging

import stripe
from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from ..views import order_from_code
from . import stripe_payments

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
