"""Delivery on the shopper's pages (the product page's estimate, the cart, checkout) and the
header's cart badge, which must not put anything per-shopper into cached pages."""

import re

import pytest
from django.core.cache import cache

from orders.delivery import PROVINCE_COOKIE
from orders.models import Order
from tests.orders.conftest import checkout_data
from tests.orders.test_delivery import HCMC, HOME, areas, carrier, own_delivery, pickup  # noqa: F401 — fixture

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


def add(client, variant, quantity=1):
    return client.post("/vi/cart/add/", {"variant": variant.pk, "quantity": quantity})


@pytest.fixture
def options(shop, areas):  # noqa: F811 — the fixture imported above
    own_delivery(shop.producer_a, areas)
    pick = pickup(shop.producer_a)
    carrier(shop.producer_a, rows=[(HOME, 25_000, 2), ("south", 40_000, 4)])
    carrier(shop.producer_b, rows=[(HOME, 30_000, 2)], default=(50_000, 5))
    return pick


def test_cart_fees_per_business_are_what_checkout_charges(client, shop, options):
    add(client, shop.variant_a, 2)
    add(client, shop.variant_b, 1)
    cart = client.get("/vi/cart/", {"province": HCMC})
    assert cart.status_code == 200
    cart_fees = {g.producer.pk: g.shipping for g in cart.context["groups"]}
    assert cart_fees == {shop.producer_a.pk: 40_000, shop.producer_b.pk: 50_000}
    assert cart.cookies[PROVINCE_COOKIE].value == str(HCMC)

    checkout = client.get("/vi/checkout/")  # the province is remembered
    assert checkout.context["form"]["province"].value() == HCMC
    assert {g.producer.pk: g.shipping for g in checkout.context["groups"]} == cart_fees

    ward = checkout_data(client)["ward"]
    data = checkout_data(client, province=str(HCMC))
    data["ward"] = str(__import__("portal.places", fromlist=["ward_choices"]).ward_choices(HCMC)[0][0])
    assert data["ward"] != ward
    response = client.post("/vi/checkout/", data)
    assert response.status_code == 302, response.context["form"].errors
    order = Order.objects.get()
    assert order.shipping_total == sum(cart_fees.values()) == 90_000
    assert {d.producer_id: d.fee for d in order.deliveries.all()} == cart_fees


def test_the_shopper_picks_an_option_per_business_at_checkout_and_pickup_shows_its_address(client, shop, options):
    add(client, shop.variant_a, 1)
    page = client.get("/vi/checkout/").content.decode()
    assert "12 Trần Phú, Sầm Sơn" in page and "Xe nhà — Nga Sơn" in page
    data = checkout_data(client, **{f"delivery_{shop.producer_a.pk}": str(options.pk)})
    response = client.post("/vi/checkout/", data)
    assert response.status_code == 302
    order = Order.objects.get()
    delivery = order.deliveries.get()
    assert (order.shipping_total, delivery.kind, delivery.pickup_address) == (0, "pickup", "12 Trần Phú, Sầm Sơn")
    assert "12 Trần Phú, Sầm Sơn" in client.get(f"/vi/orders/{order.code}/").content.decode()


def test_checkout_refuses_a_delivery_not_offered_to_the_province(client, shop, options, areas):  # noqa: F811
    add(client, shop.variant_a, 1)
    own_key = f"{options.pk - 1}:{areas[0].pk}"  # own delivery, which stays within the province
    data = checkout_data(client, province=str(HCMC), **{f"delivery_{shop.producer_a.pk}": own_key})
    data["ward"] = str(__import__("portal.places", fromlist=["ward_choices"]).ward_choices(HCMC)[0][0])
    response = client.post("/vi/checkout/", data)
    assert response.status_code == 200
    assert f"delivery_{shop.producer_a.pk}" in response.context["form"].errors
    assert not Order.objects.exists()


def test_a_bad_province_is_a_clear_error_everywhere(client, shop, options):
    add(client, shop.variant_a, 1)
    json = client.get("/vi/delivery/estimate/", {"product": shop.product_a.pk, "province": "99"})
    assert json.status_code == 400 and json.json()["error"] == "Hãy chọn một tỉnh, thành phố trong danh sách."
    assert PROVINCE_COOKIE not in json.cookies
    page = client.get("/en/delivery/", {"product": shop.product_a.pk, "province": "abc"})
    assert page.status_code == 400 and "Choose one of the provinces in the list." in page.content.decode()
    cart = client.get("/en/cart/", {"province": "0"})
    assert cart.status_code == 400 and "Choose one of the provinces in the list." in cart.content.decode()
    form = client.post("/vi/checkout/", checkout_data(client, province="99"))
    assert form.status_code == 200 and "province" in form.context["form"].errors
    assert client.get("/vi/delivery/estimate/", {"product": "x"}).status_code == 404


def test_estimate_remembers_the_province_chosen_and_answers_for_it_next_time(client, shop, options):
    first = client.get("/vi/delivery/estimate/", {"product": shop.product_a.pk, "province": HCMC})
    assert first.status_code == 200 and first["Cache-Control"].startswith("max-age=0")
    assert first.cookies[PROVINCE_COOKIE].value == str(HCMC)
    data = client.get("/vi/delivery/estimate/", {"product": shop.product_a.pk}).json()
    assert data["province"]["code"] == HCMC
    labels = [o["label"] for o in data["options"]]
    assert labels == ["Viettel Post", "Lấy tại cơ sở"]  # own delivery stays within the province
    home = client.get("/vi/delivery/estimate/", {"product": shop.product_a.pk, "province": HOME}).json()
    own = next(o for o in home["options"] if o["kind"] == "own")
    assert own["from"] is True and own["fee"] == 15_000 and re.match(r"\d{4}-\d\d-\d\d", own["date"])


def test_the_page_without_javascript_shows_the_estimate(client, shop, options):
    response = client.get("/en/delivery/", {"product": shop.product_a.pk, "province": HOME})
    body = response.content.decode()
    assert response.status_code == 200 and "Viettel Post" in body and "arrives about" in body
    assert response.cookies[PROVINCE_COOKIE].value == str(HOME)


def test_fresh_goods_say_how_they_travel_and_get_only_suitable_options(client, shop, options):
    shop.product_a.shelf_life_days = 4
    shop.product_a.save_revision().publish()
    data = client.get("/vi/delivery/estimate/", {"product": shop.product_a.pk, "province": HCMC}).json()
    assert data["perishable"] and [o["kind"] for o in data["options"]] == ["pickup"]
    home = client.get("/vi/delivery/estimate/", {"product": shop.product_a.pk, "province": HOME}).json()
    assert {o["kind"] for o in home["options"]} == {"own", "pickup"}
    page = client.get(shop.product_a.url).content.decode()
    assert "Hàng tươi" in page or "Fresh goods" in page


def test_product_page_html_is_the_same_for_two_shoppers(client, shop, options, django_user_model):
    from django.test import Client

    first, second = Client(), Client()
    first.cookies[PROVINCE_COOKIE] = str(HCMC)
    first.cookies["cart_count"] = "3"
    cache.clear()
    one = first.get(shop.product_a.url)
    cache.clear()
    two = second.get(shop.product_a.url)
    assert one.status_code == two.status_code == 200
    assert one.content == two.content
    body = one.content.decode()
    assert "data-delivery-estimate" in body and "data-cart-badge hidden" in body
    assert "Set-Cookie" not in one.headers


def test_cart_count_cookie_follows_adds_and_removes_and_the_cart_shows_it(client, shop):
    response = add(client, shop.variant_a, 2)
    assert response.cookies["cart_count"].value == "2"
    response = add(client, shop.variant_b, 1)
    assert response.cookies["cart_count"].value == "3"
    cart = client.get("/vi/cart/").content.decode()
    assert re.search(r'data-cart-badge>3<span class="visually-hidden">', cart)
    client.post("/vi/cart/remove/", {"variant": shop.variant_b.pk})
    response = client.post("/vi/cart/update/", {"variant": shop.variant_a.pk, "quantity": 0})
    assert response.cookies["cart_count"].value == "" and response.cookies["cart_count"]["max-age"] == 0


def test_a_business_that_cannot_send_fresh_goods_there_is_named_in_the_cart_and_checkout(client, shop, options):
    shop.product_b.shelf_life_days = 3  # producer B has only a carrier, which does not suit fresh goods
    shop.product_b.save_revision().publish()
    add(client, shop.variant_b, 1)
    cart = client.get("/vi/cart/", {"province": HOME})
    assert cart.context["undeliverable"] and cart.context["groups"][0].shipping == 0
    data = checkout_data(client)
    response = client.post("/vi/checkout/", data)
    assert response.status_code == 200 and not Order.objects.exists()
    errors = response.context["form"].errors[f"delivery_{shop.producer_b.pk}"]
    assert errors == ["Cơ sở này không giao đến tỉnh, thành phố này; hãy bỏ các món của cơ sở hoặc chọn nơi khác."]
