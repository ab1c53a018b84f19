"""Card and transfer orders not paid in time expire: their stock goes back, their Stripe
PaymentIntent is cancelled (a payment landing later is handled by `mark_paid`)."""

import logging

from django.conf import settings
from django.db import transaction

from ..models import Order, OrderEvent, OrderStatus
from ..services import release_open_lines
from . import stripe_payments

logger = logging.getLogger(__name__)


def expire_unpaid_orders(now=None) -> int:
    """Expire unpaid card and transfer orders past ORDER_PAYMENT_TIMEOUT_MINUTES; returns how many."""
    expired = 0
    for pk in Order.objects.overdue(now).values_list("pk", flat=True):
        with transaction.atomic():
            order = Order.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            # Re-checked under the lock: a payment may have landed meanwhile.
            if order is None or order.status != OrderStatus.AWAITING_PAYMENT or order.is_paid:
                continue
            release_open_lines(order)
            order.status = OrderStatus.EXPIRED
            order.save(update_fields=["status", "updated_at"])
            OrderEvent.objects.create(
                order=order,
                kind=OrderEvent.Kind.EXPIRED,
                message=f"not paid within {settings.ORDER_PAYMENT_TIMEOUT_MINUTES} minutes",
            )
            expired += 1
            if order.stripe_payment_intent_id:
                intent_id = order.stripe_payment_intent_id
                transaction.on_commit(lambda intent_id=intent_id: _cancel_intent(intent_id))
    return expired


def _cancel_intent(intent_id: str) -> None:
    try:
        stripe_payments.cancel_intent(intent_id)
    except Exception:  # the order is already expired; a late payment is handled by mark_paid
        logger.warning("could not cancel PaymentIntent %s", intent_id, exc_info=True)
