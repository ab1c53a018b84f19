"""What shoppers read and hear on their order pages and e-mails: the VietQR code has a name in
the page's language, and the order lookup page is reachable from the order page and e-mail."""

import re

import pytest
from django.core import mail

from orders.models import Order

from .conftest import checkout_data

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


def _place(client, shop, **overrides):
    client.post("/vi/cart/add/", {"variant": shop.variant_b.pk, "quantity": 1}, HTTP_REFERER="/vi/")
    client.post("/vi/checkout/", checkout_data(client, **overrides))
    return Order.objects.get()


@pytest.mark.parametrize(
    ("lang", "name"), [("vi", "Mã VietQR để chuyển khoản"), ("en", "VietQR code for the bank transfer")]
)
def test_the_vietqr_code_is_an_image_named_in_the_pages_language(client, shop, lang, name):
    order = _place(client, shop, payment_method="vietqr")
    html = client.get(f"/{lang}/orders/{order.code}/").content.decode()
    [img] = re.findall(r'<img class="vietqr-image"[^>]*>', html)
    alt = re.search(r'alt="([^"]*)"', img).group(1)
    assert alt.startswith(name) and order.code in alt
    assert 'src="data:image/svg+xml;base64,' in img


def test_the_order_page_and_confirmation_email_link_the_order_lookup(
    client, shop, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the confirmation leaves once the order commits
        order = _place(client, shop)
    assert 'href="/vi/orders/lookup/"' in client.get(f"/vi/orders/{order.code}/").content.decode()
    [message] = mail.outbox
    assert f"{settings.SITE_BASE_URL}/vi/orders/lookup/" in message.body
    assert "Tra cứu mọi đơn hàng" in message.body
