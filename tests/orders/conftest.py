"""Fixtures for the orders tests: two producers with products and variants, business users,
and localstripe (tests/servers/localstripe.py)."""

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from tests.module_data import built_once_per_module, fresh_copy
from tests.servers.localstripe import *  # noqa: F403 — session fixtures: localstripe, stripe_settings, …


@dataclass
class Shop:
    producer_a: object
    producer_b: object
    product_a: object
    product_b: object
    variant_a: object  # producer A, plenty of stock
    variant_b: object  # producer B, plenty of stock
    last_unit: object  # producer A, stock 1


def _business_user(username, producer):
    group, _ = Group.objects.get_or_create(name=f"Business {producer.slug}")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    change_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.get_or_create(group=group, page=producer, permission=change_page)
    user = get_user_model().objects.create_user(username=username, password="changeme", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture(scope="module")
def built_order_shop(django_db_setup, django_db_blocker):
    """The shop, built once for a module that asks for it (tests/module_data.py). A module with
    transactional tests (they commit) cannot run inside its open transaction and builds it per test."""
    from portal.demo import home_pages

    yield from built_once_per_module(django_db_blocker, lambda: _build_shop(home_pages()[0]))


@pytest.fixture
def shop(request, site_pages):
    if "built_order_shop" in request.fixturenames:
        return fresh_copy(request.getfixturevalue("built_order_shop"))
    return _build_shop(site_pages[0])


def _build_shop(home) -> Shop:
    from catalogue.models import ProducerPage, ProducersIndexPage, ProductPage, ProductVariant

    index = ProducersIndexPage(title="Cơ sở sản xuất", slug="co-so")
    home.add_child(instance=index)
    producers = []
    for slug, title in (("nem-chua-a", "Nem chua A"), ("chieu-coi-b", "Chiếu cói B")):
        producer = ProducerPage(title=title, slug=slug, business_type="household")
        index.add_child(instance=producer)
        producers.append(producer)
    products = []
    for producer, title in zip(producers, ("Nem chua", "Chiếu cói"), strict=True):
        product = ProductPage(title=title, slug=f"{producer.slug}-sp", summary=title)
        producer.add_child(instance=product)
        products.append(ProductPage.objects.get(pk=product.pk))
    variant_a = ProductVariant.objects.create(
        product=products[0], name="Gói 500 g", sku="A-500", price=50_000, stock=20
    )
    last_unit = ProductVariant.objects.create(product=products[0], name="Hộp quà", sku="A-GIFT", price=300_000, stock=1)
    variant_b = ProductVariant.objects.create(
        product=products[1], name="Chiếu đôi", sku="B-DOUBLE", price=450_000, stock=5
    )
    return Shop(producers[0], producers[1], products[0], products[1], variant_a, variant_b, last_unit)


@pytest.fixture
def business_users(shop):
    return _business_user("nem-chua-a", shop.producer_a), _business_user("chieu-coi-b", shop.producer_b)


def checkout_data(client, **overrides):
    """GET the checkout page and return a complete POST for it (with its idempotency token)."""
    response = client.get("/vi/checkout/")
    assert response.status_code == 200
    token = re.search(r'name="token" value="([0-9a-f]{32})"', response.content.decode()).group(1)
    from portal.places import ward_choices

    data = {
        "token": token,
        "name": "Nguyễn Thị Lan",
        "phone": "+84 912 345 678",
        "email": "lan@example.com",
        "province": "38",
        "ward": str(ward_choices(38)[0][0]),
        "street": "12 Lê Lợi",
        "note": "Gọi trước khi giao",
        "payment_method": "cod",
        "accept_policies": "on",  # terms of sale and privacy policy (accounts.consent_fields)
    }
    data.update(overrides)
    return data
