"""The joins: where a product was made (product and trace pages), local products near an
attraction with where to buy them, a festival's products, producers that welcome visitors."""

import pytest
from wagtail.models import Locale

from catalogue.models import ProducerPage, ProductPage
from tourism import joins
from tourism.models import AttractionPage, EventPage
from traceability.digital_link import digital_link_path
from traceability.models import Batch

pytestmark = pytest.mark.django_db


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en"))


def test_made_here_names_area_village_producer_and_what_is_near(demo_db):
    product = english(ProductPage.objects.get(slug="banh-gai-tu-tru-lam-tham"))
    made = joins.made_here(product)
    assert made.producer.pk == product.producer_id
    assert made.area is not None and made.area.locale_id == product.locale_id
    assert made.has_coordinates
    assert made.attractions, "Lam Kinh and other Thọ Xuân sights are within 25 km"
    assert all(near.page.locale_id == product.locale_id for near in made.attractions + made.festivals)
    assert [near.distance_km for near in made.attractions] == sorted(near.distance_km for near in made.attractions)
    assert made.area_url.endswith(f"?area={made.area.slug}")


def test_product_page_shows_where_it_was_made_with_a_visit_and_a_map(client, demo_db):
    product = english(ProductPage.objects.get(slug="banh-gai-tu-tru-lam-tham"))
    html = client.get(product.url).content.decode()
    assert "Where it was made" in html
    assert 'id="made-here-map"' in html and "made-here-points" in html
    assert "Visit the producer" in html and "welcomes visitors" in html
    assert "Attractions near it" in html
    assert "https://www.openstreetmap.org/directions?to=" in html


def test_trace_page_of_a_demo_lot_leads_to_the_area(client, demo_db):
    batch = Batch.objects.select_related("product").filter(gtin__gt="").order_by("pk").first()
    response = client.get(digital_link_path(batch.gtin, batch.lot_number) + "?lang=en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Where it was made" in html
    assert "data-made-here-area" in html
    area_link = html.split("data-made-here-area")[0].rsplit('href="', 1)[1].split('"')[0]
    assert client.get(area_link.replace("&amp;", "&")).status_code == 200


def test_attraction_lists_local_products_and_where_to_buy(client, demo_db):
    attraction = english(AttractionPage.objects.get(slug="lam-kinh"))
    local = joins.local_products(attraction)
    assert local.products and local.producers
    assert all(near.distance_km <= joins.LOCAL_PRODUCTS_RADIUS_KM for near in local.products)
    open_first = [near.page.accepts_visitors for near in local.producers]
    assert open_first == sorted(open_first, reverse=True)
    html = client.get(attraction.url).content.decode()
    assert "Local products made near here" in html and "Where to buy here" in html
    assert local.products[0].page.title in html


def test_festival_lists_its_products_in_the_editors_order(client, demo_db):
    tet = english(EventPage.objects.get(slug="tet-nguyen-dan"))
    rows = joins.festival_products(tet)
    assert [product.slug for product, _note in rows][:1] == [
        english(ProductPage.objects.get(slug="nep-cai-hoa-vang-gia-mieu-ngoai-trang")).slug
    ]
    assert all(product.locale_id == tet.locale_id for product, _note in rows)
    html = client.get(tet.url).content.decode()
    assert "Products made or eaten for it" in html
    assert "Wrapped into bánh chưng for Tết." in html


def test_producers_that_welcome_visitors_say_when(demo_db):
    producer = english(ProducerPage.objects.get(slug="ngan-khuong"))
    assert producer.accepts_visitors
    assert producer.visiting_hours.startswith("Mon–Sat")
