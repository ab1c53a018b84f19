import io

import pytest

from orders import demo
from orders.complaints.models import Case, CaseStatus
from orders.models import Order, OrderLine, ShippingRate

pytestmark = pytest.mark.django_db


class Command:
    stdout = io.StringIO()


def test_demo_orders_are_idempotent(shop, admin_user):
    demo.load(Command())
    counts = (Order.objects.count(), OrderLine.objects.count(), ShippingRate.objects.count(), Case.objects.count())
    stock = sorted(shop.product_a.variants.values_list("stock", flat=True))
    assert counts[0] == 4  # three orders, and a delivered one with a complaint the business answered
    assert Case.objects.get().status == CaseStatus.ANSWERED
    demo.load(Command())
    assert (
        Order.objects.count(),
        OrderLine.objects.count(),
        ShippingRate.objects.count(),
        Case.objects.count(),
    ) == counts
    assert sorted(shop.product_a.variants.values_list("stock", flat=True)) == stock
    assert Order.objects.filter(language="en", payment_status="paid").exists()
    assert OrderLine.objects.filter(status="shipped").exists()
