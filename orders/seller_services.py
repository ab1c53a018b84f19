"""Fulfilment from the seller workspace: a business's own lines, packed, shipped with a batch, delivered.

Status moves go through `orders.services.change_line_status` (the one place that checks the
transitions and writes the order's history); this module adds the workspace's rules on top:
a line of an unpaid card or transfer order is never shipped, and a food product (one with a
shelf life) is shipped only with the batch it came from, which also gets a shipping event.
"""

from collections import OrderedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.places import province_name
from traceability.epcis import province_uri
from traceability.services import record_event
from traceability.vocabulary import Activity

from .delivery_models import OrderDelivery
from .models import LineStatus, OrderLine, OrderStatus, PaymentMethod
from .services import batches_for_line, change_line_status, record_shipment

OPEN_STATUSES = (LineStatus.PENDING, LineStatus.PACKED)
# Which lines each filter of the orders screen shows.
LINE_FILTERS = {
    "open": Q(status__in=OPEN_STATUSES),
    "shipped": Q(status=LineStatus.SHIPPED),
    "done": Q(status__in=(LineStatus.DELIVERED, LineStatus.CANCELLED)),
    "all": Q(),
}


def lines_of(producer):
    """Every order line the business fulfils, with its order."""
    return OrderLine.objects.filter(producer__translation_key=producer.translation_key).select_related(
        "order", "producer", "variant__product", "batch"
    )


def orders_with_lines(producer, show: str = "open") -> list[dict]:
    """The business's lines grouped by order, newest order first: [{"order": …, "lines": […]}]."""
    lines = lines_of(producer).filter(LINE_FILTERS.get(show, LINE_FILTERS["open"]))
    if show == "open":
        # Unpaid card/transfer orders may still expire: nothing to pack yet, but shown so nobody is surprised.
        lines = lines.exclude(order__status__in=(OrderStatus.EXPIRED, OrderStatus.CANCELLED))
    grouped: OrderedDict = OrderedDict()
    for line in lines.order_by("-order__created_at", "order_id", "pk"):
        grouped.setdefault(line.order_id, {"order": line.order, "lines": [], "delivery": None})["lines"].append(line)
    # How each parcel travels (pick-up or to the buyer's door), one query for the whole list.
    parcels = OrderDelivery.objects.filter(order_id__in=grouped, producer__translation_key=producer.translation_key)
    for parcel in parcels:
        grouped[parcel.order_id]["delivery"] = parcel
    return list(grouped.values())


def awaits_payment(order) -> bool:
    """Card and transfer orders are shipped only once paid; cash on delivery is paid at the door."""
    return order.payment_method in (PaymentMethod.CARD, PaymentMethod.VIETQR) and not order.is_paid


def needs_batch(line) -> bool:
    """Food products (the ones with a shelf life) are shipped only with the batch they came from."""
    product = line.variant.product if line.variant_id else None
    return product is not None and product.shelf_life_days is not None


def pack_line(line, *, actor) -> OrderLine:
    return change_line_status(line, LineStatus.PACKED, actor=actor)


def ship_line(line, batch=None, *, actor, carrier: str = "", tracking_number: str = "") -> OrderLine:
    """Mark a packed line shipped with the batch it came from (required for food), and the carrier and
    tracking number when the business gives them (the buyer sees them), in one transaction."""
    if awaits_payment(line.order):
        raise ValidationError(_("This order is not paid yet: do not ship it."), code="order_unpaid")
    if batch is None and needs_batch(line):
        raise ValidationError(_("Choose the batch these items came from."), code="batch_required")
    with transaction.atomic():
        line = change_line_status(line, LineStatus.SHIPPED, actor=actor)
        if carrier or tracking_number:
            line.carrier, line.tracking_number = carrier.strip(), tracking_number.strip()
            line.save(update_fields=["carrier", "tracking_number"])
        if batch is not None:
            line = record_shipment(line, batch, actor=actor)
            _record_shipping_event(line, batch, actor)
    return line


def deliver_line(line, *, actor) -> OrderLine:
    return change_line_status(line, LineStatus.DELIVERED, actor=actor)


def _record_shipping_event(line, batch, actor) -> None:
    """The batch's chain shows the parcel leaving (where to, by province only: no buyer's details)."""
    place = province_name(line.order.province_code)
    record_event(
        batch,
        activity=Activity.SHIPPING,
        event_time=timezone.now(),
        quantity=line.quantity,
        description_vi=f"Gửi {line.quantity} × {line.variant_name} cho người mua ở {place}",
        description_en=f"Shipped {line.quantity} × {line.variant_name_en or line.variant_name} to a buyer in {place}",
        recorded_by=actor,
        # EPCIS: the order's code as the business transaction, the province (not the buyer) as destination.
        order_code=line.order.code,
        destination=province_uri(line.order.province_code),
    )


def batch_choices(line):
    """The batches this line may ship from (the business's own, of the same product and pack)."""
    return batches_for_line(line).filter(status="active")
