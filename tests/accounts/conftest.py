"""Fixtures for the accounts tests: the orders tests' shop (two businesses) and helpers."""

import logging
import re

import pytest
from django.contrib.auth import get_user_model

from tests.orders.conftest import business_users, checkout_data, shop  # noqa: F401 — fixtures and helper
from tests.trade.conftest import business, categories  # noqa: F401 — fixtures for the board's consents

PASSWORD = "a-long-pass-phrase-42"


def sms_code(caplog, phone: str) -> str:
    """The last code texted to `phone`. No SMS provider is configured in the tests (nor anywhere
    yet): accounts.tasks.send_sms writes each message to the `xuthanh.sms` log, read here."""
    messages = [r.getMessage() for r in caplog.records if r.name == "xuthanh.sms" and phone in r.getMessage()]
    assert messages, f"no SMS to {phone} in the log"
    return re.search(r"\b(\d{6})\b", messages[-1].split(":", 1)[1]).group(1)


@pytest.fixture
def sms_log(caplog):
    caplog.set_level(logging.INFO, logger="xuthanh.sms")
    return caplog


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user("lan", "lan@example.com", PASSWORD)


def place(client, shop, variant=None, quantity=1, **overrides):  # noqa: F811
    """Put an item in the cart and place a cash-on-delivery order through the views."""
    from orders.models import Order

    client.post("/vi/cart/add/", {"variant": (variant or shop.variant_a).pk, "quantity": quantity})
    response = client.post("/vi/checkout/", checkout_data(client, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Order.objects.order_by("-pk").first()
