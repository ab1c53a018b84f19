"""E-mails of a case's steps to both sides, each in their own language: the buyer in the order's
(`Order.language`), the business in its producer page's (the default language's page it works from)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ..codes import format_code
from ..localisation import localise_order_lines
from .models import CaseEvent

# Steps told within another's e-mail (the decision or acceptance says what was refunded).
QUIET = {"refunded", "refund_to_pay"}
# Steps only the buyer is told of.
BUYER_ONLY = {"refund_paid"}


def buyer_email(order) -> str:
    return order.email or (order.user.email if order.user_id else "")


def business_language(producer) -> str:
    return producer.locale.language_code


def tell_both_sides(event_id: int) -> int:
    """Send the e-mails of one step; returns how many were sent."""
    event = CaseEvent.objects.select_related("case__line__order__user", "case__line__producer__locale").get(pk=event_id)
    if event.kind in QUIET:
        return 0
    case = event.case
    line, order = case.line, case.line.order
    sent = 0
    to_buyer = buyer_email(order)
    if to_buyer:
        with translation.override(order.language):
            localise_order_lines([line], order.language)
            url = settings.SITE_BASE_URL + reverse("accounts:order_detail", kwargs={"code": order.code})
            sent += _send(event, "buyer", to_buyer, url, line.display_title)
    to_business = line.producer.email
    if to_business and event.kind not in BUYER_ONLY:
        with translation.override(business_language(line.producer)):
            url = settings.SITE_BASE_URL + reverse("seller:seller_complaint", kwargs={"pk": case.pk})
            sent += _send(event, "business", to_business, url, line.product_title)
    return sent


def _send(event, side: str, to: str, url: str, title: str) -> int:
    case = event.case
    context = {
        "event": event,
        "case": case,
        "line": case.line,
        "title": title,
        "code_display": format_code(case.line.order.code),
        "url": url,
        "side": side,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = render_to_string("orders/complaints/email/step_subject.txt", context).strip()
    body = render_to_string("orders/complaints/email/step.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
