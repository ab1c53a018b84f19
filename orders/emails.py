"""Order e-mails, written in the language the order was placed in (`Order.language`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .codes import format_code
from .localisation import localise_order_lines


def deliver_order_confirmation(order) -> bool:
    """Write and send the confirmation of `order` to its buyer (False when it has no e-mail)."""
    if not order.email:
        return False
    with translation.override(order.language):
        context = {
            "order": order,
            "code_display": format_code(order.code),
            "lines": localise_order_lines(order.lines.select_related("producer").order_by("producer__title", "pk")),
            "order_url": settings.SITE_BASE_URL + order.get_absolute_url(),
            "lookup_url": settings.SITE_BASE_URL + reverse("orders:order_lookup"),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("orders/email/confirmation_subject.txt", context).strip()
        body = render_to_string("orders/email/confirmation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [order.email])
    return True


@task()
def send_order_confirmation(order_id: int) -> bool:
    """The confirmation, sent by the task worker once the order is committed."""
    from .models import Order

    order = Order.objects.filter(pk=order_id).first()
    return bool(order and deliver_order_confirmation(order))
