"""Each dashboard reads aggregates: its query count does not grow with the number of rows."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import PERIOD, _order, admin_client, at

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_world")]


def _grow(world, n):
    """n more of everything: orders with lines, scans, alerts, page views, board posts, recalls."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from dashboards.models import PageViewCount
    from traceability.models import Batch, Scan, ScanAlert
    from trade.models import Inquiry, Offer

    va, vc = world.variants["a"], world.variants["c"]
    for i in range(n):
        _order(f"G{n}-{i}", at(f"2026-{9 + i % 2:02d}-{1 + i % 28:02d}"), [(va, 1, "pending"), (vc, 2, "packed")])
    a = world.batches["a"]
    Scan.objects.bulk_create(
        Scan(batch=a, scanned_at=at(f"2026-10-{1 + i % 28:02d}"), client_hash=f"g{i}") for i in range(n * 5)
    )
    ScanAlert.objects.bulk_create(ScanAlert(batch=a, kind="burst", created_at=at("2026-10-05")) for _ in range(n))
    PageViewCount.objects.bulk_create(
        PageViewCount(page=world.products["a"], date=datetime.date(2026, 9, 1) + datetime.timedelta(days=i), views=i)
        for i in range(n)
        if not PageViewCount.objects.filter(
            page=world.products["a"], date=datetime.date(2026, 9, 1) + datetime.timedelta(days=i)
        ).exists()
    )
    owner = get_user_model().objects.create_user(f"grow-{n}")
    today = timezone.localdate()
    for i in range(n):
        offer = Offer.objects.create(
            owner=owner,
            producer=world.producers["a"],
            title_vi=f"Bán {n}-{i}",
            quantity=1,
            unit="kg",
            status="open",
            available_until=today + datetime.timedelta(days=5),
        )
        Inquiry.objects.create(offer=offer, sender=owner, message=f"Hỏi {i}")
        batch = Batch.objects.create(
            product=world.products["a"], lot_number=f"R{n}-{i}", production_date=datetime.date(2026, 8, 1), quantity=1
        )
        Batch.objects.filter(pk=batch.pk).update(status="recalled", recalled_at=at("2026-10-15"), recall_reason="x")


def _count(client, url, query):
    client.get(url, query)  # the process-wide caches (locales) are warm in any running site
    cache.clear()  # the figures' cache is not
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("dashboard", ["province", "business"])
def test_query_count_does_not_grow_with_rows(client, activity, user_a, province_user, dashboard):
    if dashboard == "province":
        admin_client(client, province_user)
        url, query = "/admin/dashboards/province/", PERIOD
    else:
        admin_client(client, user_a)
        url, query = "/admin/dashboards/business/", {**PERIOD, "producer": activity.producers["a"].pk}
    _grow(activity, 2)
    small = _count(client, url, query)
    _grow(activity, 12)
    large = _count(client, url, query)
    assert small == large, (small, large)


def test_a_warm_dashboard_reads_its_aggregates_from_the_cache(client, activity, province_user):
    admin_client(client, province_user)
    cache.clear()
    client.get("/admin/dashboards/province/", PERIOD)
    with CaptureQueriesContext(connection) as cold_then_warm:
        client.get("/admin/dashboards/province/", PERIOD)
    from dashboards.models import PageViewCount

    tables = {PageViewCount._meta.db_table, "orders_orderline", "traceability_scan"}
    assert not [q for q in cold_then_warm.captured_queries if any(t in q["sql"] for t in tables)]
