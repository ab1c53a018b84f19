"""With the production caches on (response cache and template fragments), every write is seen
at once on the next anonymous request of every page that shows it: the product page, its
category, its producer, the home page and the trace page of its batch.

Each test first serves every page twice (the second from the response cache), then writes,
then reads each page once more as a new anonymous visitor.
"""

import datetime
import uuid

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_pages):
    """A producer with one 5-star product (one unit left) in a category, and a batch of it."""
    from catalogue.models import ProducerPage
    from tests.factories.catalogue import catalogue_indexes, live_page, make_category, make_product, translate
    from traceability.models import Batch

    indexes = catalogue_indexes(site_pages)
    category, category_en = make_category(indexes)
    producer = live_page(
        indexes["producers"], ProducerPage(title="HTX Nước mắm Ba Làng", slug="ba-lang", business_type="cooperative")
    )
    producer_en = translate(
        producer,
        indexes["en_producers"],
        title="Ba Lang fish sauce co-op",
        slug="ba-lang-en",
        business_type="cooperative",
    )
    product = make_product(
        producer,
        title="Nước mắm cốt Ba Làng",
        title_en="Ba Lang first-press fish sauce",
        category=category,
        en_producer=producer_en,
        en_category=category_en,
        ocop_stars=5,
        variants=((120_000, 1),),
    )
    variant = product.variants.get()
    batch = Batch.objects.create(
        product=product,
        variant=variant,
        lot_number="BL-2026-07",
        production_date=datetime.date(2026, 7, 1),
        expiry_date=datetime.date(2028, 7, 1),
        quantity=100,
        unit="bottle",
    )
    home, home_en = site_pages
    return {
        "product": product,
        "product_en": product.get_translation(home_en.locale),
        "variant": variant,
        "batch": batch,
        "urls": {
            "product": product.url,
            "category": category.url,
            "producer": producer.url,
            "home": home.url,
            "trace": batch.get_absolute_url(),
        },
        "en_urls": {
            "product": product.get_translation(home_en.locale).url,
            "category": category_en.url,
            "producer": producer_en.url,
            "home": home_en.url,
            "trace": batch.get_absolute_url() + "?lang=en",
        },
    }


def _warm(urls: dict) -> None:
    """Every page served, then served again from the response cache."""
    for name, url in urls.items():
        assert Client().get(url).status_code == 200, name
        assert Client().get(url)["X-Page-Cache"] == "hit", name


def _read(url: str):
    """A new anonymous visitor's request after the write: the page is built again (never the
    response cache's old copy), whatever its fragments then reuse."""
    response = Client().get(url)
    assert response.get("X-Page-Cache") != "hit", url
    return response


def _pages(world, *names) -> dict:
    return {name: world["urls"][name] for name in names}


def test_a_publish_shows_on_every_page_that_shows_the_product(world):
    urls = world["urls"]
    _warm(urls)
    product = world["product"]
    product.title = "Nước mắm nhĩ Ba Làng"
    product.save_revision().publish()
    for name, url in urls.items():
        assert "Nước mắm nhĩ Ba Làng" in _read(url).content.decode(), name


def test_an_unpublish_removes_the_product_everywhere_at_once(world):
    urls = _pages(world, "product", "category", "producer", "home")
    _warm(urls)
    world["product"].unpublish()
    assert _read(urls["product"]).status_code == 404
    for name in ("category", "producer", "home"):
        assert "Nước mắm cốt Ba Làng" not in _read(urls[name]).content.decode(), name


def test_a_stock_change_shows_at_once(world, django_capture_on_commit_callbacks):
    from catalogue.services import reserve_stock

    urls = _pages(world, "product", "category", "producer", "home")
    _warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        reserve_stock(world["variant"].pk, 1)  # the last unit
    assert "Hết hàng" in _read(urls["product"]).content.decode()  # "Out of stock"
    assert "Hết hàng" in _read(urls["category"]).content.decode()
    assert "Hết hàng" in _read(urls["producer"]).content.decode()
    assert "Nước mắm cốt Ba Làng" not in _read(urls["home"]).content.decode()  # featured lists what is in stock


def test_a_stock_change_that_lists_show_nothing_of_drops_only_the_product(world, django_capture_on_commit_callbacks):
    """Lists show a product's lowest price and whether it is in stock: an order that leaves
    both as they were rebuilds the product's own page, and the lists stay cached."""
    from catalogue.services import release_stock

    urls = _pages(world, "product", "category", "producer", "home")
    _warm(urls)
    with django_capture_on_commit_callbacks(execute=True):
        release_stock(world["variant"].pk, 5)  # 1 → 6 units: still in stock, same price
    assert _read(urls["product"]).status_code == 200
    for name in ("category", "producer", "home"):
        assert Client().get(urls[name])["X-Page-Cache"] == "hit", name


def test_an_order_shows_at_once(world, django_capture_on_commit_callbacks):
    from orders.services import CustomerDetails, place_order
    from portal.places import ward_choices

    urls = _pages(world, "product", "category", "producer", "home")
    _warm(urls)
    details = CustomerDetails(
        name="Lê Thị Hoa",
        phone="0912345678",
        email="",
        province_code=38,
        ward_code=ward_choices(38)[0][0],
        street="1 Lê Lợi",
        note="",
        payment_method="cod",
    )
    with django_capture_on_commit_callbacks(execute=True):
        place_order({world["variant"].pk: 1}, details, uuid.uuid4().hex)
    assert "Hết hàng" in _read(urls["product"]).content.decode()
    assert "Hết hàng" in _read(urls["category"]).content.decode()
    assert "Hết hàng" in _read(urls["producer"]).content.decode()
    assert "Nước mắm cốt Ba Làng" not in _read(urls["home"]).content.decode()


def test_a_recall_shows_at_once(world, django_capture_on_commit_callbacks):
    from traceability.services import recall_batch

    urls = _pages(world, "product", "trace")
    _warm(urls)
    assert "BL-2026-07" in Client().get(urls["product"]).content.decode()  # its latest lots
    with django_capture_on_commit_callbacks(execute=True):
        recall_batch(world["batch"], "Vỏ chai bị nứt")
    assert "Vỏ chai bị nứt" in _read(urls["trace"]).content.decode()
    assert "BL-2026-07" not in _read(urls["product"]).content.decode()  # a recalled lot is not offered


def test_a_language_switch_shows_the_other_language_at_once(world):
    """A visitor who reads a cached Vietnamese page and switches to English gets English."""
    _warm(world["urls"])
    for name, url in world["urls"].items():
        html = Client().get(url).content.decode()
        if name != "trace":  # pages link their translation (hreflang); the trace page takes ?lang=
            assert f'hreflang="en" href="http://testserver{world["en_urls"][name]}"' in html, name
    english_title = "Ba Lang first-press fish sauce"
    for name, url in world["en_urls"].items():
        response = _read(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert 'lang="en"' in html and english_title in html, name
    # The trace page's language from the browser: a cached Vietnamese copy is not an English one.
    trace = world["urls"]["trace"]
    assert english_title in Client(HTTP_ACCEPT_LANGUAGE="en").get(trace).content.decode()  # the cached copy is vi
    assert "Nước mắm cốt Ba Làng" in Client(HTTP_ACCEPT_LANGUAGE="vi").get(trace).content.decode()
