""" "Orders to fulfil" links each row to its line, where the business packs and ships it."""

import re
import uuid

import pytest

from orders.services import CustomerDetails, place_order

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


def test_each_row_of_orders_to_fulfil_links_to_its_line(client, shop, business_users):
    from portal.places import ward_choices

    details = CustomerDetails("Đỗ Minh", "0978123456", "", 38, ward_choices(38)[0][0], "9 Hạc Thành", "", "cod")
    order, _ = place_order({shop.variant_a.pk: 1, shop.variant_b.pk: 1}, details, uuid.uuid4().hex)
    own = order.lines.get(producer=shop.producer_a)
    other = order.lines.get(producer=shop.producer_b)
    client.force_login(business_users[0])
    page = client.get("/admin/orders/lines/").content.decode()
    links = set(re.findall(r'href="(/admin/orders/lines/edit/\d+/)"', page))
    assert links == {f"/admin/orders/lines/edit/{own.pk}/"}
    assert f"/admin/orders/lines/edit/{other.pk}/" not in page
    assert client.get(f"/admin/orders/lines/edit/{own.pk}/").status_code == 200
