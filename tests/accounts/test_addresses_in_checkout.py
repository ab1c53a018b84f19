"""Saved addresses (2025 units) and checkout: the default one fills the form, another can be chosen."""

import pytest

from accounts.models import Address
from portal.places import ward_choices

from .conftest import checkout_data

pytestmark = pytest.mark.django_db


def test_add_an_address_in_two_steps_without_javascript(client, shopper):
    client.force_login(shopper)
    hanoi_ward = ward_choices(1)[0][0]
    data = {"label": "Nhà", "name": "Lan", "phone": "0912 345 678", "province_code": "1", "street": "5 Hàng Bạc"}
    page = client.post("/vi/account/addresses/new/", {**data, "change_province": "1"}).content.decode()
    assert f'value="{hanoi_ward}"' in page  # the wards of Hà Nội are offered now
    response = client.post("/vi/account/addresses/new/", {**data, "ward_code": str(ward_choices(38)[0][0])})
    assert "not in the chosen province" in response.content.decode() or response.status_code == 200
    response = client.post("/vi/account/addresses/new/", {**data, "ward_code": str(hanoi_ward)})
    assert response.status_code == 302
    address = Address.objects.get(user=shopper)
    assert (address.phone, address.ward_code, address.is_default) == ("0912345678", hanoi_ward, True)


def test_checkout_is_filled_from_the_default_address_and_offers_the_others(client, shop, shopper):
    ward = ward_choices(38)[1][0]
    home = Address.objects.create(
        user=shopper,
        label="Nhà",
        name="Lan",
        phone="0912345678",
        province_code=38,
        ward_code=ward,
        street="12 Lê Lợi",
        is_default=True,
    )
    office = Address.objects.create(
        user=shopper,
        label="Cơ quan",
        name="Lan (cơ quan)",
        phone="0987654321",
        province_code=1,
        ward_code=ward_choices(1)[0][0],
        street="1 Tràng Tiền",
    )
    client.force_login(shopper)
    client.post("/vi/cart/add/", {"variant": shop.variant_a.pk, "quantity": 1})
    response = client.get("/vi/checkout/")
    form = response.context["form"]
    assert (form["name"].value(), form["phone"].value(), form["street"].value()) == ("Lan", "0912345678", "12 Lê Lợi")
    assert form["ward"].value() == home.ward_code
    assert "Cơ quan: Lan (cơ quan)" in response.content.decode()

    data = checkout_data(client)
    response = client.post("/vi/checkout/", {**data, "change_province": "address", "saved_address": office.pk})
    form = response.context["form"]
    assert (form["name"].value(), form["province"].value(), form["ward"].value()) == (
        "Lan (cơ quan)",
        1,
        office.ward_code,
    )


def test_a_shopper_without_addresses_or_signed_out_sees_no_saved_addresses(client, shop):
    client.post("/vi/cart/add/", {"variant": shop.variant_a.pk, "quantity": 1})
    assert "saved_address" not in client.get("/vi/checkout/").content.decode()
