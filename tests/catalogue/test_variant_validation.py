"""Bad variants are refused in the Wagtail admin edit form, each with a clear message."""

import pytest
from django.urls import reverse

from catalogue.gtin import gtin_check_digit, is_valid_gtin, normalize_gtin
from catalogue.models import ProductVariant
from tests.catalogue.admin_form import read_form
from tests.factories.catalogue import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(businesses):
    (_user, producer, _en), _b = businesses
    return make_product(producer, title="Nước mắm cốt", variants=((120000, 5),))


def _edit(client, user, page, **changes):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = read_form(client.get(url).content.decode())
    assert data["variants-TOTAL_FORMS"] == "1"
    data.update(changes)
    return client.post(url, data)


def test_valid_form_publishes_the_new_stock(client, admin_user, product):
    response = _edit(client, admin_user, product, **{"variants-0-stock": "7", "action-publish": "Publish"})
    assert response.status_code == 302
    assert ProductVariant.objects.get(product=product).stock == 7


def test_gtin_with_wrong_check_digit_is_refused(client, admin_user, product):
    good = ProductVariant.objects.get(product=product).gtin[1:]
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    response = _edit(client, admin_user, product, **{"variants-0-gtin": bad})
    assert response.status_code == 200
    assert "The GTIN check digit is wrong." in response.content.decode()
    assert ProductVariant.objects.get(product=product).gtin.endswith(good)


def test_negative_price_is_refused(client, admin_user, product):
    response = _edit(client, admin_user, product, **{"variants-0-price": "-5000"})
    assert response.status_code == 200
    assert "The price cannot be negative or zero" in response.content.decode()
    assert ProductVariant.objects.get(product=product).price == 120000


def test_negative_stock_is_refused(client, admin_user, product):
    response = _edit(client, admin_user, product, **{"variants-0-stock": "-1"})
    assert response.status_code == 200
    assert "Stock cannot be negative." in response.content.decode()
    assert ProductVariant.objects.get(product=product).stock == 5


def test_sku_used_by_another_product_is_refused(client, admin_user, product, businesses):
    (_user, producer, _en), _b = businesses
    other = make_product(producer, title="Mắm tôm", variants=((60000, 3),))
    taken = ProductVariant.objects.get(product=other).sku
    response = _edit(client, admin_user, product, **{"variants-0-sku": taken})
    assert response.status_code == 200
    assert "Another variant already uses this SKU" in response.content.decode()
    assert ProductVariant.objects.filter(sku=taken).count() == 1


@pytest.mark.parametrize(
    ("value", "valid"),
    [("8934588012228", True), ("8934588012229", False), ("893458801222", False), ("abc", False)],
)
def test_gtin_check_digit(value, valid):
    assert is_valid_gtin(value) is valid


def test_normalize_pads_to_14_digits():
    body = "893000000001"
    gtin13 = body + str(gtin_check_digit(body))
    assert normalize_gtin(gtin13) == "0" + gtin13
