"""Cart and checkout accept only variants of live, public products (issue #24): a variant's id
is in the page's HTML, so the views must check what they are given, not trust the page."""

import pytest
from wagtail.models import PageViewRestriction

from catalogue.models import ProductPage, ProductVariant
from orders.models import Order

from .conftest import checkout_data

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


def add(client, variant, quantity=1):
    return client.post("/vi/cart/add/", {"variant": variant.pk, "quantity": quantity}, HTTP_REFERER="/vi/")


@pytest.fixture
def draft_variant(shop):
    """A product a business saved as a draft that no moderator has approved."""
    draft = ProductPage(title="Nem chua nháp", slug="nem-chua-nhap", summary="nháp", live=False)
    shop.producer_a.add_child(instance=draft)
    return ProductVariant.objects.create(product=draft, name="Gói", sku="DRAFT-1", price=1_000, stock=10)


def test_a_variant_of_a_draft_product_cannot_be_added_to_the_cart(client, draft_variant):
    response = add(client, draft_variant, 3)
    assert response.status_code == 302
    assert str(draft_variant.pk) not in client.session.get("cart", {})
    assert "không còn được bán" in client.get("/vi/cart/").content.decode()


def test_a_variant_of_an_unpublished_product_cannot_be_added_to_the_cart(client, shop):
    ProductPage.objects.get(pk=shop.product_b.pk).unpublish()
    add(client, shop.variant_b)
    assert str(shop.variant_b.pk) not in client.session.get("cart", {})


def test_a_variant_of_a_product_in_a_private_section_cannot_be_added(client, shop):
    PageViewRestriction.objects.create(page=shop.producer_b, restriction_type="password", password="x")
    add(client, shop.variant_b)
    assert str(shop.variant_b.pk) not in client.session.get("cart", {})


def test_checkout_refuses_a_product_unpublished_after_it_was_put_in_the_cart(client, shop):
    add(client, shop.variant_a, 2)
    add(client, shop.variant_b, 1)
    data = checkout_data(client)
    ProductPage.objects.get(pk=shop.product_b.pk).unpublish()
    response = client.post("/vi/checkout/", data, follow=True)
    assert Order.objects.count() == 0
    shop.variant_a.refresh_from_db()
    shop.variant_b.refresh_from_db()
    assert (shop.variant_a.stock, shop.variant_b.stock) == (20, 5)
    assert "không còn được bán" in response.content.decode()
    # The unsaleable line is gone; what is left can be bought.
    assert client.session["cart"] == {str(shop.variant_a.pk): 2}
    client.post("/vi/checkout/", checkout_data(client))
    assert Order.objects.get().lines.count() == 1


def test_place_order_refuses_a_draft_variant_given_by_id(shop, draft_variant):
    from django.core.exceptions import ValidationError

    from orders.services import CustomerDetails, place_order

    details = CustomerDetails("Lan", "+84912345678", "", 38, 0, "1 Lê Lợi", "", "cod")
    with pytest.raises(ValidationError) as raised:
        place_order({draft_variant.pk: 3}, details, "a" * 32)
    assert raised.value.code == "variant_unavailable"
    assert Order.objects.count() == 0
    draft_variant.refresh_from_db()
    assert draft_variant.stock == 10
