"""Each business sees and moves only its own order lines in the Wagtail admin."""

import uuid

import pytest
from django.contrib.auth.models import Group

from catalogue.permissions import producers_for_user
from orders.models import LineStatus, OrderLine, OrderStatus
from orders.services import CustomerDetails, place_order

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]

INDEX = "/admin/orders/lines/"


@pytest.fixture
def mixed_order(shop):
    from portal.places import ward_choices

    details = CustomerDetails("Đỗ Minh", "0978123456", "", 38, ward_choices(38)[0][0], "9 Hạc Thành", "", "cod")
    order, _ = place_order({shop.variant_a.pk: 1, shop.variant_b.pk: 1}, details, uuid.uuid4().hex)
    return order


def _line(order, producer):
    return order.lines.get(producer=producer)


def test_producers_for_user_come_from_group_page_permissions(shop, business_users):
    user_a, user_b = business_users
    assert list(producers_for_user(user_a)) == [shop.producer_a]
    assert list(producers_for_user(user_b)) == [shop.producer_b]


def test_business_lists_only_its_own_lines(client, shop, business_users, mixed_order):
    client.force_login(business_users[0])
    response = client.get(INDEX)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Gói 500 g" in page and "Chiếu đôi" not in page
    # Searching for the other business's product, filtering and exporting do not reach it either.
    assert "Chiếu đôi" not in client.get(INDEX, {"q": "Chiếu"}).content.decode()
    assert "Chiếu đôi" not in client.get(INDEX, {"status": "pending"}).content.decode()
    export = client.get(INDEX, {"export": "csv"})
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Gói 500 g" in body and "Chiếu đôi" not in body


def test_business_cannot_open_or_change_another_business_line(client, shop, business_users, mixed_order, caplog):
    other_line = _line(mixed_order, shop.producer_b)
    client.force_login(business_users[0])
    with caplog.at_level("WARNING", logger="xuthanh.security"):
        # (A 404 under /admin/ is redirected by LocaleMiddleware to /vi/admin/…, itself a 404.)
        assert client.get(f"{INDEX}edit/{other_line.pk}/", follow=True).status_code == 404
        response = client.post(f"{INDEX}edit/{other_line.pk}/", {"status": LineStatus.CANCELLED})
        assert response.status_code == 404 or response["Location"].startswith("/vi/admin/orders/lines/edit/")
    assert any("another business" in r.getMessage() for r in caplog.records)
    other_line.refresh_from_db()
    assert other_line.status == LineStatus.PENDING
    for view in ("inspect", "history", "usage"):
        assert client.get(f"{INDEX}{view}/{other_line.pk}/", follow=True).status_code == 404, view
    own_line = _line(mixed_order, shop.producer_a)
    for view in ("edit", "inspect", "history"):
        assert client.get(f"{INDEX}{view}/{own_line.pk}/").status_code == 200, view


def test_business_moves_its_line_through_the_statuses(client, shop, business_users, mixed_order):
    line = _line(mixed_order, shop.producer_a)
    client.force_login(business_users[0])
    for status in (LineStatus.PACKED, LineStatus.SHIPPED, LineStatus.DELIVERED):
        response = client.post(f"{INDEX}edit/{line.pk}/", {"status": status})
        assert response.status_code == 302, response.content.decode()[:2000]
        line.refresh_from_db()
        assert line.status == status
    # No going back.
    response = client.post(f"{INDEX}edit/{line.pk}/", {"status": LineStatus.PENDING})
    assert response.status_code == 200
    line.refresh_from_db()
    assert line.status == LineStatus.DELIVERED


def test_unpaid_transfer_order_cannot_be_packed_until_marked_paid(client, shop, business_users):
    from portal.places import ward_choices

    details = CustomerDetails("Lò Thị Mai", "0356789123", "", 38, ward_choices(38)[0][0], "Bản Lác", "", "vietqr")
    order, _ = place_order({shop.variant_b.pk: 1}, details, uuid.uuid4().hex)
    line = order.lines.get()
    client.force_login(business_users[1])
    response = client.post(f"{INDEX}edit/{line.pk}/", {"status": LineStatus.PACKED})
    assert response.status_code == 200
    line.refresh_from_db()
    assert line.status == LineStatus.PENDING
    # No business marks a transfer paid, not even one with a line in the order (tests/orders/test_mark_paid.py).
    for user in business_users:
        client.force_login(user)
        assert client.post(f"/admin/orders/{order.pk}/mark-paid/", follow=True).status_code == 404
    order.refresh_from_db()
    assert not order.is_paid
    from orders.services import mark_paid

    mark_paid(order)  # as the marketplace's staff would
    order.refresh_from_db()
    assert order.is_paid and order.status == OrderStatus.CONFIRMED
    client.force_login(business_users[1])
    assert client.post(f"{INDEX}edit/{line.pk}/", {"status": LineStatus.PACKED}).status_code == 302


def test_moderator_sees_every_line_and_all_orders(client, shop, business_users, mixed_order, django_user_model):
    from django.contrib.auth.models import Permission

    moderator = django_user_model.objects.create_user(username="mod", password="x", is_staff=True)
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    moderator.groups.add(group)
    client.force_login(moderator)
    page = client.get(INDEX).content.decode()
    assert "Gói 500 g" in page and "Chiếu đôi" in page
    assert client.get(f"/admin/orders/all/inspect/{mixed_order.pk}/").status_code == 200
    client.force_login(business_users[0])
    assert client.get("/admin/orders/all/").status_code in (302, 403)
    assert OrderLine.objects.count() == 2


def test_business_records_the_batch_it_shipped_and_only_its_own(client, shop, business_users, mixed_order):
    import datetime

    from orders.services import orders_for_batch
    from traceability.models import Batch

    own = Batch.objects.create(
        product=shop.product_a,
        variant=shop.variant_a,
        lot_number="NC-2026-01",
        production_date=datetime.date(2026, 11, 1),
        quantity=100,
    )
    foreign = Batch.objects.create(
        product=shop.product_b,
        variant=shop.variant_b,
        lot_number="CC-2026-01",
        production_date=datetime.date(2026, 11, 1),
        quantity=10,
    )
    line = _line(mixed_order, shop.producer_a)
    client.force_login(business_users[0])
    response = client.post(f"{INDEX}edit/{line.pk}/", {"status": LineStatus.PACKED, "batch": foreign.pk})
    assert response.status_code == 200  # not a choice for this line
    line.refresh_from_db()
    assert line.batch_id is None and line.status == LineStatus.PENDING
    response = client.post(f"{INDEX}edit/{line.pk}/", {"status": LineStatus.PACKED, "batch": own.pk})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.batch_id == own.pk and line.status == LineStatus.PACKED
    assert list(orders_for_batch(own)) == [mixed_order]
    assert not orders_for_batch(foreign).exists()
