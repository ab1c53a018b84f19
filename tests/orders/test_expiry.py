"""Unpaid card and transfer orders expire and give their stock back."""

import io
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from orders.models import LineStatus, Order, OrderStatus
from orders.services import CustomerDetails, mark_paid, place_order

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


def _order(shop, method, quantity=2):
    from portal.places import ward_choices

    details = CustomerDetails("Trịnh Hoa", "0387654321", "", 38, ward_choices(38)[0][0], "5 Bà Triệu", "", method)
    order, _ = place_order({shop.variant_a.pk: quantity}, details, uuid.uuid4().hex)
    return order


def _age(order, minutes):
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timezone.timedelta(minutes=minutes))


def test_expiry_task_releases_stock_of_unpaid_transfer_orders(shop, settings):
    from orders.tasks import expire_unpaid_orders

    settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 30
    old = _order(shop, "vietqr", 2)
    fresh = _order(shop, "vietqr", 3)
    cod = _order(shop, "cod", 4)
    paid = _order(shop, "vietqr", 5)
    mark_paid(paid)
    for order in (old, cod, paid):
        _age(order, 31)
    shop.variant_a.refresh_from_db()
    assert shop.variant_a.stock == 20 - 14

    result = expire_unpaid_orders.enqueue()
    assert result.return_value == 1

    shop.variant_a.refresh_from_db()
    assert shop.variant_a.stock == 20 - 12
    statuses = dict(Order.objects.values_list("pk", "status"))
    assert statuses == {
        old.pk: OrderStatus.EXPIRED,
        fresh.pk: OrderStatus.AWAITING_PAYMENT,
        cod.pk: OrderStatus.CONFIRMED,
        paid.pk: OrderStatus.CONFIRMED,
    }
    assert set(old.lines.values_list("status", flat=True)) == {LineStatus.CANCELLED}
    # Running again changes nothing (the stock is not released twice).
    assert expire_unpaid_orders.enqueue().return_value == 0
    shop.variant_a.refresh_from_db()
    assert shop.variant_a.stock == 8


def test_management_command_enqueues_the_expiry(shop, settings):
    settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 10
    order = _order(shop, "vietqr", 1)
    _age(order, 11)
    out = io.StringIO()
    call_command("expire_unpaid_orders", stdout=out)
    assert "enqueued" in out.getvalue()
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED


def test_a_payment_after_expiry_takes_the_stock_again_when_it_is_there(shop, settings):
    from orders.payments.expiry import expire_unpaid_orders

    settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 10
    order = _order(shop, "vietqr", 2)
    _age(order, 11)
    assert expire_unpaid_orders() == 1
    assert mark_paid(order)
    order.refresh_from_db()
    shop.variant_a.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED and order.is_paid
    assert shop.variant_a.stock == 18
