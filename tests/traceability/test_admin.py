"""Business users see and change only their own batches; refusals are logged."""

import logging

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission

from traceability.models import TraceEvent

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")


def _business_user(django_user_model, producer, name):
    user = django_user_model.objects.create_user(name, password="x")
    group = Group.objects.create(name=f"biz-{name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=producer, permission=Permission.objects.get(codename="change_page")
    )
    user.groups.add(group)
    return user


@pytest.fixture
def owner(django_user_model, shop):
    return _business_user(django_user_model, shop.producer, "lua-xanh")


@pytest.fixture
def stranger(django_user_model, other_shop):
    return _business_user(django_user_model, other_shop.producer, "nem-viet")


def test_business_lists_only_its_own_batches(client, owner, shop, other_shop):
    client.force_login(owner)
    response = client.get("/admin/batches/")
    assert response.status_code == 200
    assert shop.batch.lot_number.encode() in response.content
    assert other_shop.batch.lot_number.encode() not in response.content


def test_business_cannot_open_another_business_batch_and_it_is_logged(client, stranger, shop, caplog):
    client.force_login(stranger)
    with caplog.at_level(logging.WARNING, logger="xuthanh.security"):
        # Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
        edit = client.get(f"/admin/batches/edit/{shop.batch.pk}/")
        assert edit.status_code in (302, 403) and shop.batch.lot_number.encode() not in edit.content
        trace = client.get(f"/admin/batches/{shop.batch.pk}/trace/")
        assert trace.status_code in (302, 403) and shop.batch.lot_number.encode() not in trace.content
        response = client.post(
            f"/admin/batches/{shop.batch.pk}/trace/",
            {"record": "1", "activity": "storing", "event_time": "2026-11-01 08:00", "description_vi": "x"},
        )
    assert response.status_code in (302, 403)
    assert not TraceEvent.objects.filter(batch=shop.batch).exists()
    assert any("refused" in r.getMessage() for r in caplog.records)


def test_business_records_a_spraying_event_with_product_and_dose(client, owner, shop):
    client.force_login(owner)
    url = f"/admin/batches/{shop.batch.pk}/trace/"
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    missing = client.post(url, {"record": "1", "activity": "spraying", "event_time": when, "description_vi": "Phun"})
    assert missing.status_code == 200 and not TraceEvent.objects.filter(batch=shop.batch).exists()
    response = client.post(
        url,
        {
            "record": "1",
            "activity": "spraying",
            "event_time": when,
            "location": shop.farm.pk,
            "description_vi": "Phun chế phẩm sinh học",
            "input_product": "Trichoderma",
            "dose": "2 kg/ha",
        },
    )
    assert response.status_code == 302
    event = TraceEvent.objects.get(batch=shop.batch)
    assert (event.biz_step, event.input_product, event.recorded_by) == ("spraying", "Trichoderma", owner)


def test_open_alerts_show_on_the_owners_admin_home_only(client, owner, stranger, shop):
    from traceability.models import AlertKind, ScanAlert

    ScanAlert.objects.create(batch=shop.batch, kind=AlertKind.BURST, scan_count=80, distinct_clients=60)
    client.force_login(owner)
    home = client.get("/admin/")
    assert home.status_code == 200 and b"trace-alerts-heading" in home.content
    assert shop.batch.lot_number.encode() in home.content
    assert shop.batch.lot_number.encode() in client.get("/admin/scan_alerts/").content
    client.force_login(stranger)
    assert shop.batch.lot_number.encode() not in client.get("/admin/").content
    assert shop.batch.lot_number.encode() not in client.get("/admin/scan_alerts/").content


def test_batch_identity_is_fixed_once_events_exist(client, owner, shop, recorded_chain):
    client.force_login(owner)
    url = f"/admin/batches/edit/{shop.batch.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url,
        {
            "product": shop.product.pk,
            "variant": shop.variant.pk,
            "lot_number": "CHANGED-1",
            "production_date": "2026-10-01",
            "expiry_date": "2027-10-01",
            "quantity": "500",
            "unit": "kg",
            "origin": shop.farm.pk,
        },
    )
    assert response.status_code in (200, 302)
    shop.batch.refresh_from_db()
    assert shop.batch.lot_number == "LX2026-01"


def test_business_creates_a_batch_for_its_own_product_only(client, owner, shop, other_shop):
    from traceability.models import Batch

    client.force_login(owner)
    data = {
        "lot_number": "LX2026-02",
        "production_date": "2026-11-01",
        "quantity": "100",
        "unit": "kg",
    }
    foreign = client.post("/admin/batches/new/", {**data, "product": other_shop.product.pk})
    assert foreign.status_code == 200 and not Batch.objects.filter(lot_number="LX2026-02").exists()
    own = client.post("/admin/batches/new/", {**data, "product": shop.product.pk, "variant": shop.variant.pk})
    assert own.status_code == 302
    batch = Batch.objects.get(lot_number="LX2026-02")
    assert batch.producer_id == shop.producer.pk and batch.gtin == shop.variant.gtin
