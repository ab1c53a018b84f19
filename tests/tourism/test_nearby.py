"""Nearby: listings within a radius, nearest first, across attractions, places, producers and products."""

import math

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from catalogue.models import ProducerPage, ProducersIndexPage, ProductPage
from portal.places import EARTH_RADIUS_KM, distance_km
from tourism.models import AttractionPage
from tourism.nearby import bounding_box, nearby
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
    # The view restrictions once, then per kind of page (4) one statement: its rings in one
    # UNION ALL with the box, the distance and the order in SQL. Independent of how many pages are near.
    with django_assert_max_num_queries(5):
        nearby(citadel.latitude, citadel.longitude, tourism["vi"], radius_km=50, limit=10)


# Out at sea east of the coast: no demo page within 20 km, so the test's pages are all there is.
SEA = (19.30, 106.30)
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180


def _attraction(tourism, n: int, latitude: float, longitude: float) -> AttractionPage:
    page = AttractionPage(title=f"Điểm thử {n}", slug=f"diem-thu-{n}", attraction_type="nature")
    tourism["index_vi"].add_child(instance=page)
    # At sea, outside what the editor's form accepts: set without its checks.
    AttractionPage.objects.filter(pk=page.pk).update(latitude=latitude, longitude=longitude)
    page.latitude, page.longitude = latitude, longitude
    return page


def test_nearby_keeps_what_is_just_inside_the_radius_and_drops_the_box_corners(tourism):
    lat, lon = SEA
    north_in = _attraction(tourism, 1, lat + 0.998 / KM_PER_DEGREE, lon)
    north_out = _attraction(tourism, 2, lat + 1.002 / KM_PER_DEGREE, lon)
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, 1.0)
    corner = _attraction(tourism, 3, lat + (max_lat - lat) * 0.98, lon + (max_lon - lon) * 0.98)  # in the box, ~1.4 km
    east_in = _attraction(tourism, 4, lat, lon + 0.998 / (KM_PER_DEGREE * math.cos(math.radians(lat))))

    found = {item.page.pk: item.distance_km for item in nearby(lat, lon, tourism["vi"], radius_km=1.0, limit=10)}

    assert set(found) == {north_in.pk, east_in.pk}
    assert distance_km(lat, lon, north_out.latitude, north_out.longitude) > 1.0
    assert distance_km(lat, lon, corner.latitude, corner.longitude) > 1.0
    assert found[north_in.pk] == pytest.approx(1.0, abs=0.05)


def test_nearby_reads_the_rings_in_order_and_filters_on_the_box(tourism):
    """Pages 1 to 15 km away cross every ring (3, 8, 20 km): the nearest `limit` come out in
    order whatever ring they sit in, and every part of the statement filters on the box."""
    lat, lon = SEA
    pages = [_attraction(tourism, 10 + km, lat - km / KM_PER_DEGREE, lon) for km in range(1, 16)]
    with CaptureQueriesContext(connection) as ctx:
        items = nearby(lat, lon, tourism["vi"], radius_km=20, limit=12)
    assert [item.page.pk for item in items] == [page.pk for page in pages[:12]]
    assert [item.distance_km for item in items] == sorted(item.distance_km for item in items)
    attraction_sql = next(q["sql"] for q in ctx.captured_queries if "tourism_attractionpage" in q["sql"])
    assert attraction_sql.count("x.latitude BETWEEN") == 3  # one box per ring

    assert [item.page.pk for item in nearby(lat, lon, tourism["vi"], radius_km=20, limit=2)] == [
        pages[0].pk,
        pages[1].pk,
    ]


def test_nearby_makes_the_same_queries_with_3_or_30_products_near(tourism, producer_and_product):
    producer, product = producer_and_product
    mats = AttractionPage.objects.get(locale=tourism["vi"], slug="lang-coi-nga-son")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            nearby(mats.latitude, mats.longitude, tourism["vi"], limit=8, exclude=mats)
        return len(ctx.captured_queries)

    for n in range(2):
        producer.add_child(instance=ProductPage(title=f"Thảm cói {n}", slug=f"tham-coi-{n}", summary="Thảm"))
    few = count()
    for n in range(2, 29):
        producer.add_child(instance=ProductPage(title=f"Thảm cói {n}", slug=f"tham-coi-{n}", summary="Thảm"))
    assert count() == few


def test_nearby_leaves_out_pages_in_a_private_section(tourism):
    from wagtail.models import PageViewRestriction

    lat, lon = SEA
    shown = _attraction(tourism, 40, lat + 0.001, lon)
    private = _attraction(tourism, 41, lat + 0.002, lon)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert [item.page.pk for item in nearby(lat, lon, tourism["vi"], radius_km=1, limit=10)] == [shown.pk]

    # A restriction on an ancestor covers what is below it.
    PageViewRestriction.objects.create(page=tourism["index_vi"], restriction_type=PageViewRestriction.LOGIN)
    assert nearby(lat, lon, tourism["vi"], radius_km=1, limit=10) == []


def test_the_nearby_statements_are_prepared_once_they_run_again(tourism):
    """Their planning cost five times their running (portal/settings/base.py): a page's later
    views skip it."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    citadel = AttractionPage.objects.get(locale=tourism["vi"], slug="thanh-nha-ho")
    first = nearby(citadel.latitude, citadel.longitude, tourism["vi"], radius_km=20, limit=8, exclude=citadel)
    for _ in range(7):
        again = nearby(citadel.latitude, citadel.longitude, tourism["vi"], radius_km=20, limit=8, exclude=citadel)
    assert [item.page.pk for item in again] == [item.page.pk for item in first]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", ["%flat_km2%"])
        assert cursor.fetchall(), "the nearby statements were not prepared"


def test_every_point_runs_the_same_prepared_statements(tourism):
    """Nothing that depends on the point is written into the statement (the east-west scale
    of a degree is a parameter): the nearby panels of different pages share the statements
    PostgreSQL prepared, rather than each page planning its own."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    citadel = AttractionPage.objects.get(locale=tourism["vi"], slug="thanh-nha-ho")

    def prepared_runs() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements"
                " WHERE statement LIKE %s",
                ["%flat_km2%"],
            )
            return cursor.fetchone()[0]

    before = prepared_runs()
    for step in range(8):  # eight places, each a little further north
        nearby(citadel.latitude + step * 0.05, citadel.longitude, tourism["vi"], radius_km=20, limit=8, exclude=citadel)
    # One statement per kind of page, prepared by its sixth run at the latest: 3 to 8 prepared runs each.
    assert prepared_runs() - before >= 3 * 4
