"""Nearby: listings within a radius, nearest first, across attractions, places, producers and products."""

import pytest
from django.test import RequestFactory

from catalogue.models import ProducerPage, ProducersIndexPage, ProductPage
from portal.places import distance_km
from tourism.models import AttractionPage
from tourism.nearby import nearby
from tourism.panels import render_nearby


def test_nearby_is_nearest_first_and_within_the_radius(tourism):
    citadel = AttractionPage.objects.get(locale=tourism["vi"], slug="thanh-nha-ho")
    items = nearby(citadel.latitude, citadel.longitude, tourism["vi"], radius_km=40, limit=20, exclude=citadel)
    assert items, "expected sights near the Hồ Citadel"
    distances = [item.distance_km for item in items]
    assert distances == sorted(distances)
    assert all(d <= 40 for d in distances)
    assert citadel.pk not in {item.page.pk for item in items}
    assert items[0].page.slug == "phu-trinh"  # the Trịnh lords' shrine, in the same former district
    for item in items:
        exact = distance_km(citadel.latitude, citadel.longitude, item.page.latitude, item.page.longitude)
        assert item.distance_km == pytest.approx(exact, abs=0.05)


def test_nearby_excludes_what_is_outside_the_radius(tourism):
    sam_son = AttractionPage.objects.get(locale=tourism["en"], slug="sam-son-beach")
    items = nearby(sam_son.latitude, sam_son.longitude, tourism["en"], radius_km=5, limit=50, exclude=sam_son)
    slugs = {item.page.slug for item in items}
    assert "trong-mai-rocks" in slugs
    assert "citadel-of-the-ho-dynasty" not in slugs
    assert all(item.page.locale_id == tourism["en"].pk for item in items)


@pytest.fixture
def producer_and_product(tourism):
    home = tourism["index_vi"].get_parent()
    index = ProducersIndexPage(title="Nhà sản xuất", slug="nha-san-xuat-test")
    home.add_child(instance=index)
    producer = ProducerPage(
        title="HTX Cói Nga Sơn (test)",
        slug="htx-coi-test",
        business_type=ProducerPage._meta.get_field("business_type").choices[0][0],
        latitude=20.0150,
        longitude=105.9860,
    )
    index.add_child(instance=producer)
    product = ProductPage(title="Chiếu cói (test)", slug="chieu-coi-test", summary="Chiếu cói dệt tay")
    producer.add_child(instance=product)
    product.refresh_from_db()
    return producer, product


def test_products_without_coordinates_are_found_at_their_producer(tourism, producer_and_product):
    producer, product = producer_and_product
    mats = AttractionPage.objects.get(locale=tourism["vi"], slug="lang-coi-nga-son")
    items = nearby(mats.latitude, mats.longitude, tourism["vi"], radius_km=10, limit=20, exclude=mats)
    kinds = {item.page.pk: item.kind for item in items}
    assert kinds.get(producer.pk) == "producer"
    assert kinds.get(product.pk) == "product"
    product_item = next(item for item in items if item.page.pk == product.pk)
    producer_item = next(item for item in items if item.page.pk == producer.pk)
    assert product_item.distance_km == producer_item.distance_km


def test_nearby_panel_renders_on_producer_and_product_pages(tourism, producer_and_product):
    producer, product = producer_and_product
    request = RequestFactory().get("/vi/")
    for page in (producer, product):
        html = render_nearby(request, page)
        assert 'id="nearby-heading"' in html
        assert "Làng nghề chiếu cói Nga Sơn" in html
        # A producer's own products (and a product's own producer) are not "nearby" it.
        assert "Chiếu cói (test)" not in html and "HTX Cói Nga Sơn (test)" not in html
    assert render_nearby(request, tourism["index_vi"]) == ""


def test_attraction_page_shows_nearby(client, tourism):
    citadel = AttractionPage.objects.get(locale=tourism["en"], slug="citadel-of-the-ho-dynasty")
    html = client.get(citadel.url).content.decode()
    assert 'id="nearby-heading"' in html
    assert "Trịnh Lords&#x27; Palace Shrine" in html or "Trịnh Lords' Palace Shrine" in html


def test_nearby_costs_a_fixed_number_of_queries(tourism, django_assert_max_num_queries):
    citadel = AttractionPage.objects.get(locale=tourism["vi"], slug="thanh-nha-ho")
    # Per kind of page (4): Wagtail's .public() reads the view restrictions, then one query with
    # the distance computed and ordered in SQL. Independent of how many pages are near.
    with django_assert_max_num_queries(8):
        nearby(citadel.latitude, citadel.longitude, tourism["vi"], radius_km=50, limit=10)
