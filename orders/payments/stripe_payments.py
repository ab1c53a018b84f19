"""Card payments with Stripe PaymentIntents.

VND is a zero-decimal currency: amounts go to Stripe in đồng as they are. An order
becomes paid only through a verified webhook (`handle_webhook`) or a server-side
retrieval of its PaymentIntent (`sync_intent`); each Stripe event is applied once.
"""

import logging
from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction

from ..models import Order, OrderEvent, PaymentMethod, PaymentStatus, Refund, StripeEvent
from ..services import mark_paid, record_payment_failure

logger = logging.getLogger(__name__)
security_log = logging.getLogger("xuthanh.security")

CURRENCY = "vnd"


class WebhookRejected(Exception):
    """The request does not carry a valid Stripe signature (or is not JSON)."""


def is_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def client() -> stripe.StripeClient:
    kwargs = {"max_network_retries": 1}
    if settings.STRIPE_API_BASE:
        kwargs["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **kwargs)


def intent_idempotency_key(order: Order) -> str:
    return f"xuthanh-order-{order.code}-payment-intent"


def ensure_intent(order: Order):
    """The order's PaymentIntent: created once (our own record first, then Stripe's idempotency key)."""
    if order.payment_method != PaymentMethod.CARD:
        raise ValueError("not a card order")
    api = client()
    if order.stripe_payment_intent_id:
        return api.v1.payment_intents.retrieve(order.stripe_payment_intent_id)
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.stripe_payment_intent_id:
            order.stripe_payment_intent_id = locked.stripe_payment_intent_id
            return api.v1.payment_intents.retrieve(locked.stripe_payment_intent_id)
        intent = api.v1.payment_intents.create(
            params={
                "amount": order.total,  # đồng: VND has no minor unit
                "currency": CURRENCY,
                "payment_method_types": ["card"],
                "metadata": {"order_code": order.code},
            },
            options={"idempotency_key": intent_idempotency_key(order)},
        )
        locked.stripe_payment_intent_id = intent.id
        locked.save(update_fields=["stripe_payment_intent_id", "updated_at"])
        order.stripe_payment_intent_id = intent.id
    return intent


def cancel_intent(intent_id: str) -> None:
    client().v1.payment_intents.cancel(intent_id)


def _order_for_intent(intent) -> Order | None:
    order = Order.objects.filter(stripe_payment_intent_id=intent.id).first()
    if order is None:
        metadata = getattr(intent, "metadata", None)
        code = metadata.to_dict().get("order_code") if metadata else None
        order = Order.objects.filter(code=code, payment_method=PaymentMethod.CARD).first() if code else None
    return order


def _apply_intent(order: Order, intent, source: str) -> bool:
    """Pay the order if the intent succeeded for its full amount in VND. True when it changed."""
    if intent.status != "succeeded":
        return False
    if intent.currency != CURRENCY or int(intent.amount) != order.total:
        security_log.warning(
            "PaymentIntent %s for order %s: %s %s does not match the order total %s",
            intent.id,
            order.code,
            intent.amount,
            intent.currency,
            order.total,
        )
        return False
    return mark_paid(order, message=f"{source} {intent.id}")


def sync_intent(order: Order) -> bool:
    """Ask Stripe (server to server) how the order's PaymentIntent stands, e.g. on return from the payment page."""
    if not order.stripe_payment_intent_id or order.payment_status != PaymentStatus.UNPAID:
        return False
    intent = client().v1.payment_intents.retrieve(order.stripe_payment_intent_id)
    return _apply_intent(order, intent, "retrieved")


def verify_webhook(payload: bytes, signature: str):
    try:
        return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.SignatureVerificationError) as error:
        security_log.warning("Stripe webhook refused: %s", error)
        raise WebhookRejected(str(error))


def handle_webhook(payload: bytes, signature: str) -> str:
    """Verify and apply one webhook delivery; returns what happened (for the log and tests).

    The event id is stored in the same transaction as its effect, so a repeated delivery
    finds the row and changes nothing. Out-of-order events are harmless: being paid is
    final, so a late `payment_failed` does not undo a `succeeded`.
    """
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise WebhookRejected("no webhook secret configured")
    event = verify_webhook(payload, signature or "")
    obj = event.data.object
    intent_id = obj.id if getattr(obj, "object", "") == "payment_intent" else ""
    try:
        with transaction.atomic():
            record = StripeEvent.objects.create(
                event_id=event.id,
                type=event.type,
                payment_intent_id=intent_id,
                created=datetime.fromtimestamp(int(event.created), tz=UTC),
            )
            if not intent_id:
                return "ignored"
            order = _order_for_intent(obj)
            if order is None:
                logger.warning("Stripe event %s for unknown PaymentIntent %s", event.id, intent_id)
                return "unknown order"
            record.order = order
            record.save(update_fields=["order"])
            if event.type == "payment_intent.succeeded":
                return "paid" if _apply_intent(order, obj, "webhook") else "no change"
            if event.type == "payment_intent.payment_failed":
                if order.payment_status == PaymentStatus.UNPAID:
                    error = getattr(obj, "last_payment_error", None)
                    record_payment_failure(order, getattr(error, "message", "") if error else "")
                    return "failure recorded"
                return "no change"
            return "ignored"
    except IntegrityError:
        return "duplicate"


def refund(order: Order, amount: int, *, actor=None) -> Refund:
    """Refund part or all of a card payment; the record is made from Stripe's answer."""
    if order.payment_method != PaymentMethod.CARD or not order.stripe_payment_intent_id:
        raise ValueError("not a card order")
    if order.payment_status not in (PaymentStatus.PAID, PaymentStatus.PARTIALLY_REFUNDED):
        raise ValueError("order not paid")
    if amount <= 0 or amount > order.total - order.refunded_amount:
        raise ValueError("refund amount out of range")
    # A key per attempt of the same amount on the same total so a double click does not refund twice.
    key = f"xuthanh-order-{order.code}-refund-{order.refunded_amount}-{amount}"
    answer = client().v1.refunds.create(
        params={"payment_intent": order.stripe_payment_intent_id, "amount": amount},
        options={"idempotency_key": key},
    )
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        record, created = Refund.objects.get_or_create(
            stripe_refund_id=answer.id,
            defaults={"order": locked, "amount": int(answer.amount), "status": answer.status, "created_by": actor},
        )
        if created and answer.status in ("succeeded", "pending"):
            locked.refunded_amount += int(answer.amount)
            locked.payment_status = (
                PaymentStatus.REFUNDED if locked.refunded_amount >= locked.total else PaymentStatus.PARTIALLY_REFUNDED
            )
            locked.save(update_fields=["refunded_amount", "payment_status", "updated_at"])
            OrderEvent.objects.create(
                order=locked, kind=OrderEvent.Kind.REFUNDED, message=f"{answer.amount} VND {answer.id}", actor=actor
            )
    order.refresh_from_db()
    return record
