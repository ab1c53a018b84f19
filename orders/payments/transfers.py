"""Automatic confirmation of VietQR bank transfers from PayOS's signed webhook.

PayOS posts `{"code", "desc", "success", "data": {...}, "signature"}`; the signature is an
HMAC-SHA256, keyed with the checksum key, of `data`'s fields sorted by name and written as
`key=value&…`. Its official SDK (`payos`) checks it; we never parse an unverified body.

A transfer is matched to a VietQR order by the order code in its description (the note the
QR code carries) and applied once: the bank reference is unique, so a repeated delivery
finds its row and changes nothing. Only an exact amount on an order still waiting for
payment marks it paid, through the same `mark_paid` as the moderator's manual confirmation
(which stays the fallback); anything else is recorded and flagged for staff.
"""

import logging
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from payos import PayOS, WebhookError

from ..codes import ALPHABET, CODE_LENGTH
from ..models import (
    Order,
    OrderStatus,
    PaymentMethod,
    PaymentStatus,
    TransferNotification,
    TransferOutcome,
)
from ..services import mark_paid

logger = logging.getLogger(__name__)
security_log = logging.getLogger("xuthanh.security")

PROVIDER = "payos"
SUCCESS_CODE = "00"
_CODE_RUN = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH},}}")
# Outcomes that need a person: money arrived but the order could not simply be marked paid.
FLAGGED = {
    TransferOutcome.PARTIAL,
    TransferOutcome.EXCESS,
    TransferOutcome.LATE,
    TransferOutcome.ALREADY_PAID,
    TransferOutcome.UNMATCHED,
}


class TransfersNotConfigured(Exception):
    """PAYOS_CLIENT_ID, PAYOS_API_KEY or PAYOS_CHECKSUM_KEY is not set."""


class WebhookRejected(Exception):
    """The body is not a PayOS webhook with a valid signature."""


def is_enabled() -> bool:
    return bool(settings.PAYOS_CLIENT_ID and settings.PAYOS_API_KEY and settings.PAYOS_CHECKSUM_KEY)


def verify(body: bytes):
    """The webhook's `data` once the SDK has checked its signature; raises WebhookRejected."""
    if not is_enabled():
        raise TransfersNotConfigured
    with PayOS(settings.PAYOS_CLIENT_ID, settings.PAYOS_API_KEY, settings.PAYOS_CHECKSUM_KEY) as client:
        try:
            return client.webhooks.verify(body)
        except (WebhookError, UnicodeDecodeError) as error:
            security_log.warning("PayOS webhook refused: %s", error)
            raise WebhookRejected(str(error)) from error


def order_codes_in(description: str) -> set[str]:
    """Every order code the description could carry. Banks glue prefixes and suffixes to the
    note ("MBVCB.123.ABCD2345.CT tu…"), so each window of a run of code letters counts."""
    codes = set()
    for run in _CODE_RUN.findall((description or "").upper()):
        codes.update(run[i : i + CODE_LENGTH] for i in range(len(run) - CODE_LENGTH + 1))
    return codes


def _matching_order(description: str) -> Order | None:
    codes = order_codes_in(description)
    if not codes:
        return None
    return Order.objects.filter(code__in=codes, payment_method=PaymentMethod.VIETQR).order_by("-created_at").first()


def _outcome_for(order: Order | None, amount: int) -> str:
    if order is None:
        return TransferOutcome.UNMATCHED
    if order.payment_status != PaymentStatus.UNPAID:
        return TransferOutcome.ALREADY_PAID
    if order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED):
        return TransferOutcome.LATE
    if amount < order.total:
        return TransferOutcome.PARTIAL
    if amount > order.total:
        return TransferOutcome.EXCESS
    return TransferOutcome.PAID


def handle_webhook(body: bytes) -> TransferNotification | None:
    """Verify and apply one delivery. Returns the notification recorded, or None when this
    bank reference was already recorded (a replay: nothing changes)."""
    data = verify(body)
    fields = {
        "provider": PROVIDER,
        "reference": data.reference,
        "provider_order_code": data.order_code,
        "description": (data.description or "")[:255],
        "amount": max(int(data.amount), 0),
        "account_number": (data.account_number or "")[:40],
        "counter_account_name": (data.counter_account_name or "")[:120],
        "counter_account_number": (data.counter_account_number or "")[:40],
        "transferred_at": (data.transaction_date_time or "")[:40],
        "payload": data.model_dump_camel_case(),
    }
    try:
        with transaction.atomic():
            if data.code != SUCCESS_CODE:
                return TransferNotification.objects.create(**fields, outcome=TransferOutcome.NOT_SUCCESSFUL)
            order = _matching_order(data.description)
            if order is not None:
                order = Order.objects.select_for_update().get(pk=order.pk)
            outcome = _outcome_for(order, fields["amount"])
            # Created before paying: a concurrent duplicate waits on the reference's unique
            # index and then fails, so the order is paid once.
            notification = TransferNotification.objects.create(
                **fields, order=order, outcome=outcome, needs_review=outcome in FLAGGED
            )
            if outcome == TransferOutcome.PAID:
                mark_paid(order, message=f"bank transfer {data.reference} (PayOS)")
    except IntegrityError:
        logger.info("PayOS webhook for reference %s again: nothing to do", data.reference)
        return None
    if notification.needs_review:
        logger.warning(
            "Transfer %s of %s đồng (%s) needs review: %s",
            data.reference,
            fields["amount"],
            fields["description"],
            notification.outcome,
        )
    return notification
