"""Only the marketplace's staff confirm a transfer or cash payment, after a confirmation page."""

import uuid

import pytest
from django.contrib.auth.models import Group, Permission

from orders.models import OrderEvent, OrderStatus
from orders.permissions import FINANCE_GROUP
from orders.services import CustomerDetails, place_order

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


@pytest.fixture
def transfer_order(shop):
    from portal.places import ward_choices

    details = CustomerDetails("Lò Thị Mai", "0356789123", "", 38, ward_choices(38)[0][0], "Bản Lác", "", "vietqr")
    order, _ = place_order({shop.variant_a.pk: 1, shop.variant_b.pk: 1}, details, uuid.uuid4().hex)
    assert order.status == OrderStatus.AWAITING_PAYMENT
    return order


def _staff(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username=username, password="x", is_staff=True)
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def test_business_with_a_line_in_the_order_cannot_mark_it_paid(client, business_users, transfer_order, caplog):
    url = f"/admin/orders/{transfer_order.pk}/mark-paid/"
    for user in business_users:  # both have a line in this order
        client.force_login(user)
        with caplog.at_level("WARNING", logger="xuthanh.security"):
            assert client.get(url, follow=True).status_code == 404
            assert client.post(url, follow=True).status_code == 404
    transfer_order.refresh_from_db()
    assert not transfer_order.is_paid and transfer_order.status == OrderStatus.AWAITING_PAYMENT
    assert not transfer_order.events.filter(kind=OrderEvent.Kind.PAID).exists()
    assert any("tried to mark order" in r.getMessage() for r in caplog.records)


def test_business_line_page_offers_no_mark_paid_button(client, business_users, transfer_order, shop):
    line = transfer_order.lines.get(producer=shop.producer_a)
    client.force_login(business_users[0])
    page = client.get(f"/admin/orders/lines/edit/{line.pk}/").content.decode()
    assert f"/admin/orders/{transfer_order.pk}/mark-paid/" not in page


@pytest.mark.parametrize("group_name", ["Moderators", FINANCE_GROUP])
def test_staff_confirms_a_transfer_on_a_confirmation_page_then_by_post(
    client, django_user_model, transfer_order, group_name
):
    staff = _staff(django_user_model, "ke-toan", group_name)
    client.force_login(staff)
    url = f"/admin/orders/{transfer_order.pk}/mark-paid/"
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert transfer_order.code in confirm.content.decode() and 'method="post"' in confirm.content.decode()
    transfer_order.refresh_from_db()
    assert not transfer_order.is_paid  # looking at the page changes nothing

    response = client.post(url, {"next": "https://evil.example/admin/"})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/orders/all/inspect/{transfer_order.pk}/"  # not off-site
    transfer_order.refresh_from_db()
    assert transfer_order.is_paid and transfer_order.status == OrderStatus.CONFIRMED
    event = transfer_order.events.get(kind=OrderEvent.Kind.PAID)
    assert event.actor == staff and "ke-toan" in event.message


def test_order_page_links_to_the_confirmation_page_instead_of_posting(client, django_user_model, transfer_order):
    client.force_login(_staff(django_user_model, "mod", "Moderators"))
    page = client.get(f"/admin/orders/all/inspect/{transfer_order.pk}/").content.decode()
    assert f'href="/admin/orders/{transfer_order.pk}/mark-paid/"' in page
    assert f'action="/admin/orders/{transfer_order.pk}/mark-paid/"' not in page
