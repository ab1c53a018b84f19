"""Scan log: salted client hashes, bulk writes after the response, alerts on abnormal patterns."""

import datetime

import pytest
from django.utils import timezone

from traceability import scans
from traceability.models import AlertKind, Batch, Scan, ScanAlert

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")

PHONE = "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"


@pytest.fixture(autouse=True)
def flush_every_request(settings):
    settings.TRACE_SCAN_FLUSH_SECONDS = 0
    settings.SCAN_ALERT_DISTINCT_CLIENTS = 5
    settings.SCAN_ALERT_WINDOW_MINUTES = 60
    scans.flush()
    yield
    scans.flush()


def test_scan_is_logged_with_a_salted_hash_not_the_ip(client, shop):
    response = client.get(
        f"/t/{shop.batch.public_code}", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0 (iPhone) Mobile"
    )
    assert response.status_code == 200
    scan = Scan.objects.get(batch=shop.batch)
    assert scan.client_hash == scans.client_hash("203.0.113.7")
    assert "203.0.113.7" not in scan.client_hash and len(scan.client_hash) == 64
    assert scan.client_kind == "phone" and scan.via == "short"


def test_scan_waits_in_the_buffer_until_due(client, shop, settings):
    settings.TRACE_SCAN_FLUSH_SECONDS = 3600
    settings.TRACE_SCAN_FLUSH_SIZE = 3
    for _ in range(2):
        client.get(f"/t/{shop.batch.public_code}")
    assert Scan.objects.count() == 0 and scans.pending() == 2
    client.get(f"/t/{shop.batch.public_code}")
    assert Scan.objects.count() == 3 and scans.pending() == 0


def test_burst_from_many_clients_raises_one_alert_for_the_producer(client, shop):
    for i in range(7):
        client.get(f"/t/{shop.batch.public_code}", REMOTE_ADDR=f"198.51.100.{i}", HTTP_USER_AGENT=PHONE)
    alerts = ScanAlert.objects.filter(batch=shop.batch, kind=AlertKind.BURST)
    assert alerts.count() == 1 and alerts[0].distinct_clients >= 5
    # Consumers are warned only once the producer or a moderator confirms it (test_alert_confirmation.py).
    response = client.get(f"/t/{shop.batch.public_code}?lang=en")
    assert b"may be counterfeit" not in response.content


def test_many_scans_from_one_client_raise_nothing(client, shop):
    for _ in range(10):
        client.get(f"/t/{shop.batch.public_code}", REMOTE_ADDR="198.51.100.1", HTTP_USER_AGENT=PHONE)
    assert not ScanAlert.objects.exists()


def test_crawlers_and_head_requests_do_not_raise_bursts(client, shop):
    for i in range(7):
        client.get(
            f"/t/{shop.batch.public_code}", REMOTE_ADDR=f"198.51.100.{i}", HTTP_USER_AGENT="facebookexternalhit/1.1 bot"
        )
        client.head(f"/t/{shop.batch.public_code}", REMOTE_ADDR=f"198.51.101.{i}", HTTP_USER_AGENT=PHONE)
    assert Scan.objects.filter(batch=shop.batch).count() == 7
    assert not ScanAlert.objects.exists()


def test_scan_after_expiry_raises_an_alert(client, shop):
    Batch.objects.filter(pk=shop.batch.pk).update(
        production_date=datetime.date(2025, 1, 1), expiry_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    client.get(f"/t/{shop.batch.public_code}", HTTP_USER_AGENT=PHONE)
    assert ScanAlert.objects.filter(batch=shop.batch, kind=AlertKind.AFTER_EXPIRY).count() == 1
