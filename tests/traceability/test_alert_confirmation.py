"""The public "may be counterfeit" warning (issue #24): 52 addresses could raise it, and one
host could when X-Forwarded-For was trusted from the left. An alert is now the producer's
until the producer or a moderator confirms it; only then does the trace page warn."""

import pytest

from traceability import scans
from traceability.models import AlertKind, ScanAlert

from .test_admin import _business_user

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")

PHONE = "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"
WARNING = b"may be counterfeit"


@pytest.fixture(autouse=True)
def alert_rule(settings):
    settings.TRACE_SCAN_FLUSH_SECONDS = 0
    settings.SCAN_ALERT_DISTINCT_CLIENTS = 50
    settings.SCAN_ALERT_WINDOW_MINUTES = 60
    scans.flush()
    yield
    scans.flush()


@pytest.fixture
def owner(django_user_model, shop):
    return _business_user(django_user_model, shop.producer, "lua-xanh")


@pytest.fixture
def stranger(django_user_model, other_shop):
    return _business_user(django_user_model, other_shop.producer, "nem-viet")


def scan_from(client, shop, count, **headers):
    for i in range(count):
        client.get(
            f"/t/{shop.batch.public_code}", HTTP_USER_AGENT=PHONE, **{"REMOTE_ADDR": f"198.51.100.{i}", **headers}
        )
    scans.flush()


def trace_page(client, shop):
    return client.get(f"/t/{shop.batch.public_code}?lang=en").content


def test_a_burst_from_52_addresses_alerts_the_producer_but_does_not_warn_consumers(client, shop, owner):
    scan_from(client, shop, 52)
    alert = ScanAlert.objects.get(batch=shop.batch, kind=AlertKind.BURST)
    assert alert.confirmed_at is None
    assert WARNING not in trace_page(client, shop)
    client.force_login(owner)
    assert shop.batch.lot_number.encode() in client.get("/admin/").content


def test_the_producer_confirms_an_alert_and_consumers_are_warned(client, shop, owner):
    scan_from(client, shop, 52)
    alert = ScanAlert.objects.get(batch=shop.batch)
    assert WARNING not in trace_page(client, shop)  # and the page is now cached
    client.force_login(owner)
    response = client.post(f"/admin/scan_alerts/edit/{alert.pk}/", {"decision": "confirm"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.confirmed_at is not None and alert.decided_by == owner
    client.logout()
    assert WARNING in trace_page(client, shop)


def test_dismissing_a_confirmed_alert_removes_the_warning(client, shop, owner):
    scan_from(client, shop, 52)
    alert = ScanAlert.objects.get(batch=shop.batch)
    client.force_login(owner)
    client.post(f"/admin/scan_alerts/edit/{alert.pk}/", {"decision": "confirm"})
    client.post(f"/admin/scan_alerts/edit/{alert.pk}/", {"decision": "dismiss"})
    alert.refresh_from_db()
    assert alert.resolved and alert.confirmed_at is None
    client.logout()
    assert WARNING not in trace_page(client, shop)


def test_another_business_cannot_confirm_an_alert(client, shop, stranger):
    alert = ScanAlert.objects.create(batch=shop.batch, kind=AlertKind.BURST, scan_count=60, distinct_clients=52)
    client.force_login(stranger)
    response = client.post(f"/admin/scan_alerts/edit/{alert.pk}/", {"decision": "confirm"})
    assert response.status_code in (302, 403, 404)
    alert.refresh_from_db()
    assert alert.confirmed_at is None
    assert WARNING not in trace_page(client, shop)


def test_a_moderator_can_confirm_an_alert(client, shop, django_user_model):
    alert = ScanAlert.objects.create(batch=shop.batch, kind=AlertKind.BURST, scan_count=60, distinct_clients=52)
    moderator = django_user_model.objects.create_superuser("kiem-duyet", password="x")
    client.force_login(moderator)
    client.post(f"/admin/scan_alerts/edit/{alert.pk}/", {"decision": "confirm"})
    alert.refresh_from_db()
    assert alert.confirmed_at is not None


def test_one_host_forging_forwarded_for_entries_is_one_client(client, shop, settings):
    settings.USE_X_FORWARDED_FOR = True
    for i in range(52):
        # What the client wrote on the left, then the address our proxy saw on the right.
        client.get(
            f"/t/{shop.batch.public_code}",
            HTTP_USER_AGENT=PHONE,
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.1.{i}.1, 203.0.113.50",
        )
    scans.flush()
    assert not ScanAlert.objects.exists()
