"""Placing, paying, fulfilling, cancelling and expiring orders."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import ProductVariant
from catalogue.services import OutOfStock, release_stock, reserve_stock

from .codes import new_order_code
from .delivery import chosen_quote, local_today, parcels_of, quotes_by_producer
from .delivery_models import OrderDelivery
from .emails import send_order_confirmation
from .models import (
    LineStatus,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    PaymentStatus,
)
from .permissions import can_handle_line, security_log

__all__ = [
    "CustomerDetails",
    "OutOfStock",
    "place_order",
    "mark_paid",
    "change_line_status",
    "cancel_order",
    "record_shipment",
]


@dataclass
class CustomerDetails:
    name: str
    phone: str
    email: str
    province_code: int
    ward_code: int
    street: str
    note: str
    payment_method: str
    # {producer id: delivery quote key} as chosen at checkout; a business left out gets its default.
    delivery: dict[int, str] | None = None
    # A company invoice asked for: orders.invoices.INVOICE_FIELDS → value (empty: none).
    invoice: dict[str, str] | None = None


class _DuplicateSubmission(Exception):
    pass


def place_order(
    items: dict[int, int], details: CustomerDetails, token: str, *, user=None, language: str = "vi"
) -> tuple[Order, bool]:
    """Create the order and reserve its stock in one transaction; returns (order, created).

    `token` is the checkout form's idempotency token: the same submission again (a double
    click, a retry after a timeout) returns the order it placed the first time. Raises
    OutOfStock (nothing is written) when any line cannot be reserved, and ValidationError
    for items that are not on sale.
    """
    existing = Order.objects.filter(idempotency_token=token).first()
    if existing:
        return existing, False
    quantities = {int(k): int(v) for k, v in items.items() if int(v) > 0}
    if not quantities:
        raise ValidationError(_("Your cart is empty."), code="cart_empty")
    try:
        with transaction.atomic():
            order = _place(quantities, details, token, user, language)
    except _DuplicateSubmission:
        return Order.objects.get(idempotency_token=token), False
    if order.email:
        transaction.on_commit(lambda: send_order_confirmation.enqueue(order.pk))
    return order, True


def _place(quantities, details, token, user, language) -> Order:
    variants = {
        v.pk: v
        for v in ProductVariant.objects.on_sale()
        .filter(pk__in=quantities)
        .select_related("product", "product__producer")
    }
    missing = set(quantities) - set(variants)
    if missing or any(v.product.producer_id is None for v in variants.values()):
        raise ValidationError(_("An item in your cart is no longer on sale."), code="variant_unavailable")

    parcels = parcels_of((variants[pk].product, variants[pk].price, qty) for pk, qty in quantities.items())
    quotes = quotes_by_producer(parcels, details.province_code)
    deliveries = {pk: chosen_quote(quotes[pk], (details.delivery or {}).get(pk)) for pk in parcels}
    if any(quote is None for quote in deliveries.values()):
        raise ValidationError(
            _("A business in your cart does not deliver this way to the chosen province. Choose its delivery again."),
            code="delivery_unavailable",
        )
    shipping = sum(quote.fee for quote in deliveries.values())
    subtotal = sum(parcel.subtotal for parcel in parcels.values())
    is_cod = details.payment_method == PaymentMethod.COD

    # The order row first: a concurrent duplicate submission waits on the token's unique
    # index here and then finds the committed order, before touching any stock.
    order = None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                order = Order.objects.create(
                    code=new_order_code(),
                    idempotency_token=token,
                    user=user if user is not None and user.is_authenticated else None,
                    language=language,
                    status=OrderStatus.CONFIRMED if is_cod else OrderStatus.AWAITING_PAYMENT,
                    payment_method=details.payment_method,
                    name=details.name,
                    phone=details.phone,
                    email=details.email,
                    province_code=details.province_code,
                    ward_code=details.ward_code,
                    street=details.street,
                    note=details.note,
                    **(details.invoice or {}),
                    subtotal=subtotal,
                    shipping_total=shipping,
                    total=subtotal + shipping,
                )
            break
        except IntegrityError:
            if Order.objects.filter(idempotency_token=token).exists():
                raise _DuplicateSubmission
    if order is None:
        raise RuntimeError("could not find a free order code")

    # Lock rows in a fixed order so two orders of the same items cannot deadlock.
    for pk in sorted(quantities):
        reserve_stock(pk, quantities[pk])
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            variant=variants[pk],
            producer_id=variants[pk].product.producer_id,
            product_title=variants[pk].product.title,
            variant_name=variants[pk].name,
            variant_name_en=variants[pk].name_en,
            product_translation_key=variants[pk].product.translation_key,
            sku=variants[pk].sku,
            unit_price=variants[pk].price,
            quantity=quantities[pk],
        )
        for pk in sorted(quantities)
    )
    today = local_today()
    OrderDelivery.objects.bulk_create(
        OrderDelivery(
            order=order,
            producer_id=pk,
            kind=quote.kind,
            label=quote.label[:200],
            fee=quote.fee,
            estimated_date=quote.arrives(today),
            pickup_address=quote.pickup_address,
            pickup_hours=quote.pickup_hours,
        )
        for pk, quote in sorted(deliveries.items())
    )
    OrderEvent.objects.create(order=order, kind=OrderEvent.Kind.PLACED)
    return order


def mark_paid(order: Order, *, message: str = "", actor=None) -> bool:
    """Record that the whole order is paid. Returns False when it already was (nothing changes)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.payment_status != PaymentStatus.UNPAID:
            return False
        order.payment_status = PaymentStatus.PAID
        order.paid_at = timezone.now()
        if order.status == OrderStatus.AWAITING_PAYMENT:
            order.status = OrderStatus.CONFIRMED
        elif order.status in (OrderStatus.EXPIRED, OrderStatus.CANCELLED):
            # Paid after the stock went back: take it again if it is still there.
            if _re_reserve(order):
                order.status = OrderStatus.CONFIRMED
            else:
                message = f"{message} — paid after expiry; stock gone, refund needed".strip(" —")
        order.save(update_fields=["payment_status", "paid_at", "status", "updated_at"])
        OrderEvent.objects.create(order=order, kind=OrderEvent.Kind.PAID, message=message[:255], actor=actor)
    return True


def _re_reserve(order: Order) -> bool:
    lines = list(order.lines.filter(status=LineStatus.CANCELLED, variant__isnull=False).order_by("variant_id"))
    try:
        with transaction.atomic():
            for line in lines:
                reserve_stock(line.variant_id, line.quantity)
            order.lines.filter(pk__in=[line.pk for line in lines]).update(
                status=LineStatus.PENDING, status_changed_at=timezone.now()
            )
    except OutOfStock:
        return False
    return True


def record_payment_failure(order: Order, message: str) -> None:
    OrderEvent.objects.create(order=order, kind=OrderEvent.Kind.PAYMENT_FAILED, message=message[:255])


def change_line_status(line: OrderLine, new_status: str, *, actor) -> OrderLine:
    """Move a line along pending → packed → shipped → delivered, or cancel it (stock goes back)."""
    if not can_handle_line(actor, line):
        security_log.warning("user %s tried to change order line %s of another business", actor.pk, line.pk)
        raise PermissionDenied
    with transaction.atomic():
        line = OrderLine.objects.select_for_update().select_related("order").get(pk=line.pk)
        if new_status not in line.allowed_transitions():
            raise ValidationError(
                _("An item that is %(current)s cannot become %(new)s.")
                % {"current": line.get_status_display(), "new": LineStatus(new_status).label},
                code="line_transition",
            )
        if new_status != LineStatus.CANCELLED and line.order.status != OrderStatus.CONFIRMED:
            raise ValidationError(
                _("This order is not confirmed yet (it is waiting for payment)."), code="order_not_confirmed"
            )
        old_status = line.status
        line.status = new_status
        line.status_changed_at = timezone.now()
        line.save(update_fields=["status", "status_changed_at"])
        if new_status == LineStatus.CANCELLED and line.variant_id:
            release_stock(line.variant_id, line.quantity)
        OrderEvent.objects.create(
            order=line.order,
            kind=OrderEvent.Kind.LINE_STATUS,
            message=f"{line.product_title} — {line.variant_name}: {old_status} → {new_status}"[:255],
            actor=actor,
            line=line,
            line_status=new_status,
        )
        if not line.order.lines.exclude(status=LineStatus.CANCELLED).exists():
            Order.objects.filter(pk=line.order_id).update(status=OrderStatus.CANCELLED, updated_at=timezone.now())
            OrderEvent.objects.create(order=line.order, kind=OrderEvent.Kind.CANCELLED, actor=actor)
    return line


def release_open_lines(order: Order) -> int:
    """Cancel the order's lines not yet shipped and give their stock back (in the caller's transaction)."""
    lines = list(
        order.lines.select_for_update()
        .filter(status__in=[LineStatus.PENDING, LineStatus.PACKED])
        .order_by("variant_id")
    )
    for line in lines:
        if line.variant_id:
            release_stock(line.variant_id, line.quantity)
    order.lines.filter(pk__in=[line.pk for line in lines]).update(
        status=LineStatus.CANCELLED, status_changed_at=timezone.now()
    )
    return len(lines)


def cancel_order(order: Order, *, actor=None, message: str = "") -> bool:
    """Cancel every line not yet shipped and give the stock back."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status in (OrderStatus.CANCELLED, OrderStatus.EXPIRED):
            return False
        release_open_lines(order)
        order.status = OrderStatus.CANCELLED
        order.save(update_fields=["status", "updated_at"])
        OrderEvent.objects.create(order=order, kind=OrderEvent.Kind.CANCELLED, message=message[:255], actor=actor)
    return True


def batches_for_line(line: OrderLine):
    """The batches a line may ship from: its producer's, of the same product (and variant when set)."""
    from traceability.models import Batch

    batches = Batch.objects.filter(producer_id=line.producer_id)
    if line.variant_id:
        batches = batches.filter(models.Q(variant_id=line.variant_id) | models.Q(variant__isnull=True))
        batches = batches.filter(product__variants__pk=line.variant_id)
    return batches.order_by("-production_date")


def record_shipment(line: OrderLine, batch, *, actor=None) -> OrderLine:
    """Record which traceability batch a line shipped from, so a recall reaches its buyers."""
    if batch is not None and not batches_for_line(line).filter(pk=batch.pk).exists():
        raise ValidationError(_("This batch is not one of this product's batches."), code="batch_mismatch")
    line.batch = batch
    line.save(update_fields=["batch"])
    return line


def orders_for_batch(batch):
    """The orders that received items of a batch: whom a recall must reach."""
    return Order.objects.filter(lines__batch=batch).distinct()
