"""The seller workspace's delivery screen: a business sets its own options, and only its own."""

import logging

import pytest

from orders.models import CarrierRate, DeliveryArea, DeliveryOption, DeliveryProfile
from tests.orders.test_delivery import areas, carrier  # noqa: F401 — fixture

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


def _formset(prefix="rows", total=3, initial=0, rows=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def test_a_business_adds_a_carrier_with_a_fee_table(client, shop, business_users):
    client.force_login(business_users[0])
    assert client.get("/vi/seller/delivery/").status_code == 200
    data = {
        "option-name": "Viettel Post",
        "option-default_fee": "35000",
        "option-default_days": "3",
        "option-active": "on",
        **_formset(
            rows=[
                {"province_code": "38", "fee": "20000", "days": "1"},
                {"region": "south", "fee": "45000", "days": "4"},
            ]
        ),
    }
    response = client.post("/vi/seller/delivery/new/carrier/", data)
    assert response.status_code == 302
    option = DeliveryOption.objects.get()
    assert (option.producer_id, option.kind, option.default_fee) == (shop.producer_a.pk, "carrier", 35_000)
    assert set(CarrierRate.objects.values_list("province_code", "region", "fee")) == {
        (38, "", 20_000),
        (None, "south", 45_000),
    }


def test_a_fee_row_needs_a_province_or_a_region(client, shop, business_users):
    client.force_login(business_users[0])
    data = {
        "option-name": "GHN",
        **_formset(rows=[{"province_code": "38", "region": "north", "fee": "1", "days": "1"}]),
    }
    response = client.post("/vi/seller/delivery/new/carrier/", data)
    assert response.status_code == 400
    assert not DeliveryOption.objects.exists()


def test_own_delivery_by_area_and_the_free_delivery_threshold(client, shop, business_users, areas):  # noqa: F811
    client.force_login(business_users[0])
    data = {
        "option-name": "Xe nhà",
        "option-suits_perishables": "on",
        "option-active": "on",
        **_formset(rows=[{"area": str(areas[0].pk), "fee": "15000", "days": "1"}]),
    }
    assert client.post("/en/seller/delivery/new/own/", data).status_code == 302
    assert DeliveryArea.objects.get().fee == 15_000
    assert client.post("/en/seller/delivery/", {"free_over": "500000"}).status_code == 302
    assert DeliveryProfile.objects.get(producer=shop.producer_a).free_over == 500_000


def test_pickup_needs_an_address(client, shop, business_users):
    client.force_login(business_users[0])
    response = client.post("/vi/seller/delivery/new/pickup/", {"option-name": "Tại cơ sở"})
    assert response.status_code == 400 and not DeliveryOption.objects.exists()


def test_one_business_cannot_see_edit_or_remove_another_business_options(client, shop, business_users, caplog):
    theirs = carrier(shop.producer_b, rows=[(38, 30_000, 2)])
    client.force_login(business_users[0])
    with caplog.at_level(logging.WARNING, logger="xuthanh.security"):
        assert client.get(f"/vi/seller/delivery/{theirs.pk}/").status_code == 404
        assert client.post(f"/vi/seller/delivery/{theirs.pk}/", {"action": "delete"}).status_code == 404
        edit = {"option-name": "Hijacked", "option-default_fee": "1", "option-default_days": "1", **_formset()}
        assert client.post(f"/vi/seller/delivery/{theirs.pk}/", edit).status_code == 404
    assert "another business" in caplog.text
    theirs.refresh_from_db()
    assert theirs.name == "Viettel Post" and theirs.default_fee == 35_000
    assert "Viettel Post" not in client.get("/vi/seller/delivery/").content.decode()


def test_an_unknown_kind_is_not_found(client, shop, business_users):
    client.force_login(business_users[0])
    assert client.get("/vi/seller/delivery/new/drone/").status_code == 404


def test_the_business_sees_how_the_buyer_chose_to_receive_the_parcel(client, shop, business_users):
    from orders.models import DeliveryKind
    from orders.services import place_order
    from tests.orders.test_delivery import _details, pickup

    counter = pickup(shop.producer_a)
    carrier(shop.producer_a, rows=[(38, 20_000, 1)])
    order, _created = place_order(
        {shop.variant_a.pk: 1}, _details(delivery={shop.producer_a.pk: str(counter.pk)}), "d" * 32
    )
    line = order.lines.get()
    client.force_login(business_users[0])
    page = client.get(f"/vi/seller/orders/lines/{line.pk}/").content.decode()
    assert order.deliveries.get().kind == DeliveryKind.PICKUP
    assert "Lấy tại cơ sở" in page and "12 Trần Phú, Sầm Sơn" in page
    # The orders list says the same, not "parcel to the buyer's address".
    listing = client.get("/vi/seller/orders/").content.decode()
    assert "12 Trần Phú, Sầm Sơn" in listing
    assert "Gửi kiện hàng đến địa chỉ người mua" not in listing
