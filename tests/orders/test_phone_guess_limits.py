"""Guessing an order's phone number is limited (issue #24: 79 guesses in 2 s found the
right one on the lookup form), the limit is kept in the shared cache so that it holds
across app processes, and every wrong try is logged."""

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from orders.models import Order

from .conftest import checkout_data

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def order(client, shop, settings):
    settings.RATELIMIT_ENABLED = True
    cache.clear()
    client.post("/vi/cart/add/", {"variant": shop.variant_a.pk, "quantity": 1})
    client.post("/vi/checkout/", checkout_data(client, phone="0912345678"))
    yield Order.objects.get()
    cache.clear()


def test_order_lookup_refuses_phone_guesses_after_ten_wrong_tries(order, caplog):
    guesser = Client()
    with caplog.at_level(logging.WARNING, logger="xuthanh.security"):
        for i in range(10):
            response = guesser.post("/vi/orders/lookup/", {"code": order.code, "phone": f"09123400{i:02d}"})
            assert response.status_code == 200
    assert sum(order.code in r.getMessage() for r in caplog.records if r.name == "xuthanh.security") == 10
    response = guesser.post("/vi/orders/lookup/", {"code": order.code, "phone": "0912345678"})
    assert response.status_code == 429
    assert order.street not in response.content.decode()
    assert order.code not in guesser.session.get("orders_access", [])


def test_wrong_tries_on_the_lookup_form_and_the_order_page_share_one_count(order):
    guesser = Client()
    for i in range(5):
        guesser.post("/vi/orders/lookup/", {"code": order.code, "phone": f"09123400{i:02d}"})
    for i in range(5):
        guesser.post(f"/vi/orders/{order.code}/", {"phone": f"09123411{i:02d}"})
    response = guesser.post(f"/vi/orders/{order.code}/", {"phone": "0912345678"})
    assert response.status_code == 429


def test_one_address_cannot_guess_across_many_orders(order, settings):
    guesser = Client()
    for i in range(30):
        guesser.post("/vi/orders/lookup/", {"code": f"ZZZZZZ{i:02d}", "phone": "0912000000"})
    response = guesser.post("/vi/orders/lookup/", {"code": order.code, "phone": "0912345678"})
    assert response.status_code == 429


def test_the_phone_guess_limit_holds_across_processes(order, settings, tmp_path):
    """Another process (a second gunicorn worker) records ten wrong tries through the shared
    cache; this process then refuses the right number. A file-based cache stands in for Redis,
    which this machine does not have: both are shared by every process, unlike local memory."""
    shared = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}}
    settings.CACHES = shared
    (tmp_path / "other_worker_settings.py").write_text(
        f"from portal.settings.test import *  # noqa\nCACHES = {shared!r}\nRATELIMIT_ENABLED = True\n"
    )
    other_worker = textwrap.dedent(
        f"""
        import django
        django.setup()
        from orders.views import PHONE_GUESSES
        for _ in range(10):
            PHONE_GUESSES.record_failure(code={order.code!r}, ip="198.51.100.9")
        """
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "other_worker_settings", "PYTHONPATH": f"{tmp_path}:{ROOT}"}
    subprocess.run([sys.executable, "-c", other_worker], check=True, cwd=ROOT, env=env, timeout=120)  # noqa: S603
    response = Client().post(f"/vi/orders/{order.code}/", {"phone": "0912345678"})
    assert response.status_code == 429


def test_an_order_code_without_letters_or_digits_is_404(client, site_pages):
    for code in ("-", "--", "%20-"):
        assert client.get(f"/vi/orders/{code}/").status_code == 404
