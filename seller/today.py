"""What the Today screen lists for a business: each item links to the thing itself.

Lines to pack (oldest first, with the date we promise the buyer), inquiries on the board
waiting for an answer, packs running low, open scan alerts, and products waiting for the
province team or sent back with its comment. Links to screens of other apps go through the
route names (seller.nav.seller_url), so Today keeps working while a screen is being built.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from catalogue.models import ProductPage, ProductVariant
from catalogue.seller_services import waiting_or_sent_back
from dashboards.metrics.business import low_stock_threshold
from orders.complaints.services import cases_to_answer
from orders.models import LineStatus, OrderLine, OrderStatus, PaymentMethod, PaymentStatus
from traceability.models import Batch, ScanAlert
from trade.seller_services import unanswered_inquiries

from .nav import seller_url

# A line is promised to leave within two days of being confirmed (paid, or placed for cash on delivery).
PACK_WITHIN_DAYS = 2
LIMIT = 20


def promised_date(order) -> datetime.date:
    """The day the business promised to send the order by (in the province's time)."""
    start = order.paid_at or order.created_at
    return timezone.localdate(start) + datetime.timedelta(days=PACK_WITHIN_DAYS)


def lines_to_pack(producer):
    """Pending lines that may be packed now: cash on delivery, or card and transfer once paid."""
    payable_now = Q(order__payment_method=PaymentMethod.COD) | ~Q(order__payment_status=PaymentStatus.UNPAID)
    return (
        OrderLine.objects.filter(producer__translation_key=producer.translation_key, status=LineStatus.PENDING)
        .filter(order__status=OrderStatus.CONFIRMED)
        .filter(payable_now)
        .select_related("order")
        .order_by("order__created_at", "pk")
    )


def low_stock(producer):
    return (
        ProductVariant.objects.for_producer(producer)
        .filter(is_active=True, stock__lte=low_stock_threshold(), product__locale_id=producer.locale_id)
        .select_related("product")
        .order_by("stock", "product__title")
    )


def open_alerts(producer):
    return ScanAlert.objects.for_producer(producer).open().select_related("batch").order_by("-created_at")


def first_steps(producer) -> dict | None:
    """The short list a newly approved business sees until it has a product and a batch."""
    has_product = ProductPage.objects.filter(producer_id=producer.pk).exists()
    has_batch = Batch.objects.filter(producer__translation_key=producer.translation_key).exists()
    if has_product and has_batch:
        return None
    return {"has_product": has_product, "has_batch": has_batch}


def today_for(producer, user) -> dict:
    lines = [
        {
            "line": line,
            "promised": promised_date(line.order),
            "url": seller_url("seller:seller_order_line", f"orders/lines/{line.pk}/", line.pk),
        }
        for line in lines_to_pack(producer)[:LIMIT]
    ]
    alerts = [
        {"alert": alert, "url": seller_url("seller:seller_batch", f"batches/{alert.batch_id}/", alert.batch_id)}
        for alert in open_alerts(producer)[:LIMIT]
    ]
    inquiries = [
        {"inquiry": inquiry, "url": seller_url("seller:seller_inquiry", f"board/inquiries/{inquiry.pk}/", inquiry.pk)}
        for inquiry in unanswered_inquiries(producer, user).order_by("created_at")[:LIMIT]
    ]
    complaints = [
        {"case": case, "url": seller_url("seller:seller_complaint", f"complaints/{case.pk}/", case.pk)}
        for case in cases_to_answer(producer)[:LIMIT]
    ]
    return {
        "producer": producer,
        "lines": lines,
        "complaints": complaints,
        "today": timezone.localdate(),
        "inquiries": inquiries,
        "low_stock": list(low_stock(producer)[:LIMIT]),
        "alerts": alerts,
        "moderation": waiting_or_sent_back(producer),
        "first_steps": first_steps(producer),
        "batches_url": seller_url("seller:seller_batches", "batches/"),
        "batch_new_url": seller_url("seller:seller_batch_new", "batches/new/"),
        "figures_url": seller_url("seller:seller_figures", "figures/"),
        "low_stock_limit": low_stock_threshold(),
    }
