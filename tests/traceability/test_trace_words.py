"""What the trace page says, in plain words (issue #19 item 7, issue #24)."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from traceability.models import AlertKind, Batch, ScanAlert

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")


def test_after_expiry_scan_says_past_expiry_not_counterfeit(client, shop):
    Batch.objects.filter(pk=shop.batch.pk).update(
        production_date=datetime.date(2025, 1, 1), expiry_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    alert = ScanAlert.objects.create(batch=shop.batch, kind=AlertKind.AFTER_EXPIRY, scan_count=1)
    if hasattr(alert, "confirmed_at"):  # alerts warn consumers once confirmed (traceability/alerts.py)
        ScanAlert.objects.filter(pk=alert.pk).update(confirmed_at=timezone.now())
    response = client.get(f"/t/{shop.batch.public_code}?lang=en")
    assert b"past its expiry date" in response.content
    assert b"counterfeit" not in response.content


def test_intact_record_in_plain_words_and_a_link_to_check_it(client, shop, recorded_chain):
    response = client.get(f"/t/{shop.batch.public_code}?lang=en")
    assert b"Record intact: 3 events, none changed or removed" in response.content
    assert b"sealed" not in response.content and b"EPCIS" not in response.content
    assert f"/t/{shop.batch.public_code}/chain.json".encode() in response.content


def test_truncated_record_is_reported_on_the_page(client, shop, recorded_chain):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM traceability_traceevent WHERE id = %s", [recorded_chain[2].pk])
    response = client.get(f"/t/{shop.batch.public_code}?lang=en")
    assert b"recorded events are missing or were rewritten" in response.content


def test_trace_page_shows_the_producers_address_and_certificate_details(client, shop):
    from catalogue.models import ProducerPage, ProductCertificate

    ProducerPage.objects.filter(pk__in=[shop.producer.pk, shop.producer_en.pk]).update(address="12 Lê Lai")
    ProductCertificate.objects.create(
        page=shop.product,
        kind="food_safety",
        name="ATTP",
        number="123/2026/ATTP",
        issuer="Chi cục ATTP Thanh Hóa",
        issued_on=datetime.date(2026, 1, 5),
        valid_until=datetime.date(2029, 1, 5),
    )
    response = client.get(f"/t/{shop.batch.public_code}?lang=en")
    content = response.content.decode()
    assert "12 Lê Lai" in content
    assert "123/2026/ATTP" in content and "Chi cục ATTP Thanh Hóa" in content and "valid until" in content
