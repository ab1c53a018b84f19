"""A recall reaches the buyers: their order page says so and they are e-mailed, once.

Traceability marks a batch recalled and sends `batch_recalled`; a line packed or shipped
from a batch that is already recalled is caught when the line is saved. Each line records
when its buyer was told (`OrderLine.recall_notified_at`), claimed with a conditional update,
so a second recall run, a re-save or two processes at once send no second e-mail.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from traceability.models import BatchStatus

from .codes import format_code
from .localisation import localise_order_lines
from .models import RECALL_REACHES, Order, OrderLine


def notify_buyers_of_recall(batch) -> int:
    """Tell each buyer whose packed or shipped line carries `batch` (if recalled); returns how
    many orders were told now (0 for those told before)."""
    if batch is None or batch.status != BatchStatus.RECALLED:
        return 0
    pending = OrderLine.objects.filter(batch=batch, status__in=RECALL_REACHES, recall_notified_at__isnull=True)
    told = 0
    for order_id in sorted(set(pending.values_list("order_id", flat=True))):
        with transaction.atomic():
            claimed = list(
                pending.filter(order_id=order_id).select_for_update(skip_locked=True).values_list("pk", flat=True)
            )
            if not claimed:
                continue  # another process is telling this buyer
            OrderLine.objects.filter(pk__in=claimed).update(recall_notified_at=timezone.now())
            order = Order.objects.get(pk=order_id)
            transaction.on_commit(lambda order=order, claimed=claimed: send_recall_notice(order, claimed))
        told += 1
    return told


def send_recall_notice(order, line_ids) -> bool:
    """The e-mail to the buyer, in the order's language, naming the recalled items."""
    if not order.email:
        return False  # the order page says it; the producer has the phone number
    with translation.override(order.language):
        lines = localise_order_lines(
            OrderLine.objects.filter(pk__in=line_ids).select_related("producer", "batch").order_by("pk")
        )
        context = {
            "order": order,
            "code_display": format_code(order.code),
            "lines": lines,
            "order_url": settings.SITE_BASE_URL + order.get_absolute_url(),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("orders/email/recall_subject.txt", context).strip()
        body = render_to_string("orders/email/recall.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [order.email])
    return True


def on_batch_recalled(sender, batch, **kwargs):
    notify_buyers_of_recall(batch)


def on_line_saved(sender, instance, **kwargs):
    """A line packed or shipped from a batch recalled earlier: its buyer is told too."""
    if instance.batch_id and instance.status in RECALL_REACHES and instance.recall_notified_at is None:
        notify_buyers_of_recall(instance.batch)
