"""The last unit under concurrent checkouts: real threads, real PostgreSQL transactions."""

import threading
import uuid

import pytest
from django.db import connection, connections

from catalogue.models import ProductVariant
from orders.models import Order, OrderLine
from orders.services import CustomerDetails, OutOfStock, place_order

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DETAILS = CustomerDetails(
    name="Lê Văn Nam",
    phone="0912345678",
    email="",
    province_code=38,
    ward_code=0,
    street="1 Trần Phú",
    note="",
    payment_method="cod",
)


def _details():
    from portal.places import ward_choices

    return CustomerDetails(**{**DETAILS.__dict__, "ward_code": ward_choices(38)[0][0]})


def _run_in_threads(count, target):
    barrier = threading.Barrier(count)
    results = [None] * count

    def worker(i):
        try:
            barrier.wait(timeout=10)
            results[i] = target(i)
        except Exception as error:  # collected and asserted on below
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_last_unit_is_sold_once_under_concurrent_checkout(shop):
    assert connection.vendor == "postgresql"
    details = _details()
    variant_id = shop.last_unit.pk
    results = _run_in_threads(8, lambda i: place_order({variant_id: 1}, details, uuid.uuid4().hex))
    placed = [r for r in results if isinstance(r, tuple)]
    refused = [r for r in results if isinstance(r, OutOfStock)]
    assert len(placed) == 1, results
    assert len(refused) == 7, results
    assert ProductVariant.objects.get(pk=variant_id).stock == 0
    assert Order.objects.count() == 1 and OrderLine.objects.count() == 1


def test_stock_never_goes_negative_when_many_buy_several(shop):
    details = _details()
    variant_id = shop.variant_b.pk  # stock 5
    results = _run_in_threads(6, lambda i: place_order({variant_id: 2}, details, uuid.uuid4().hex))
    placed = [r for r in results if isinstance(r, tuple)]
    assert len(placed) == 2 and all(isinstance(r, (tuple, OutOfStock)) for r in results), results
    assert ProductVariant.objects.get(pk=variant_id).stock == 1


def test_the_same_submission_from_two_threads_places_one_order(shop):
    details = _details()
    token = uuid.uuid4().hex
    results = _run_in_threads(4, lambda i: place_order({shop.variant_a.pk: 3}, details, token))
    assert all(isinstance(r, tuple) for r in results), results
    assert len({order.pk for order, _created in results}) == 1
    assert sum(created for _order, created in results) == 1
    assert ProductVariant.objects.get(pk=shop.variant_a.pk).stock == 17
