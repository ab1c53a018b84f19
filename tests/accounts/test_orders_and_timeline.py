"""The account's order history and an order's timeline; only the order's own user sees it."""

import pytest
from django.contrib.auth import get_user_model

from orders import seller_services
from orders.models import LineStatus, Order
from orders.services import mark_paid

from .conftest import PASSWORD, place

pytestmark = pytest.mark.django_db


def test_history_lists_the_users_orders_newest_first_and_nobody_elses(client, shop, shopper):
    client.force_login(shopper)
    first = place(client, shop)
    second = place(client, shop, shop.variant_b)
    assert first.user == shopper and second.user == shopper  # a placed order is linked to the signed-in user
    stranger = get_user_model().objects.create_user("minh", "minh@example.com", PASSWORD)
    client.force_login(stranger)
    theirs = place(client, shop)

    client.force_login(shopper)
    response = client.get("/en/account/")
    assert [o.code for o in response.context["orders"]] == [second.code, first.code]
    assert theirs.code not in response.content.decode()
    assert client.get(f"/en/account/orders/{theirs.code}/").status_code == 404
    assert client.get(f"/en/account/orders/{first.code}/").status_code == 200
    client.logout()
    assert client.get(f"/en/account/orders/{first.code}/").status_code == 302  # sign in first


def test_timeline_shows_each_step_with_carrier_and_tracking_number(client, shop, shopper, business_users):
    seller_a, seller_b = business_users
    client.force_login(shopper)
    client.post("/vi/cart/add/", {"variant": shop.variant_b.pk, "quantity": 1})
    order = place(client, shop, payment_method="vietqr")
    mark_paid(order, message="test transfer")
    order.refresh_from_db()
    line_a = order.lines.get(producer=shop.producer_a)
    line_b = order.lines.get(producer=shop.producer_b)
    seller_services.pack_line(line_a, actor=seller_a)
    seller_services.ship_line(line_a, actor=seller_a, carrier="Viettel Post", tracking_number="VTP123456")
    seller_services.deliver_line(line_a, actor=seller_a)
    from orders.services import change_line_status

    change_line_status(line_b, LineStatus.CANCELLED, actor=seller_b)

    response = client.get(f"/en/account/orders/{order.code}/")
    titles = [entry.title for entry in response.context["timeline"]]
    assert titles == [
        "Order placed",
        "Payment received",
        "Packed by Nem chua A",
        "Shipped by Nem chua A",
        "Delivered from Nem chua A",
        "Cancelled by Chiếu cói B",
    ]
    html = response.content.decode()
    assert "Carrier: Viettel Post · tracking number: VTP123456" in html
    vi = client.get(f"/vi/account/orders/{order.code}/").content.decode()
    assert "Đã gửi bởi Nem chua A" in vi


def test_the_seller_enters_carrier_and_tracking_number_when_shipping(client, shop, shopper, business_users):
    seller_a, _seller_b = business_users
    order = place(client, shop)  # cash on delivery: confirmed at once
    line = order.lines.get()
    seller_services.pack_line(line, actor=seller_a)
    client.force_login(seller_a)
    response = client.post(
        f"/vi/seller/orders/lines/{line.pk}/",
        {"action": "ship", "carrier": "GHN", "tracking_number": "GHN-778"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    line.refresh_from_db()
    assert (line.status, line.carrier, line.tracking_number) == (LineStatus.SHIPPED, "GHN", "GHN-778")
    assert Order.objects.get(pk=order.pk).events.filter(line=line, line_status=LineStatus.SHIPPED).exists()
