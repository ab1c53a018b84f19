"""A page's cost does not grow with the catalogue: with every cache off, the home page, a
category, a product and an attraction (with its "nearby" panel) make the same queries with
5 products near them and in their category as with 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import ProducerPage
from tests.factories.catalogue import catalogue_indexes, live_page, make_category, make_product
from tourism.models import AttractionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture
def shop(tourism, site_pages):
    """A category and a producer at the Nga Sơn sedge-mat village (its products are "nearby"
    the attraction there)."""
    indexes = catalogue_indexes(site_pages)
    category = make_category(indexes)[0]
    producer = live_page(
        indexes["producers"],
        ProducerPage(
            title="HTX Cói (chi phí)",
            slug="htx-coi-chi-phi",
            business_type="cooperative",
            latitude=20.0150,
            longitude=105.9860,
        ),
    )
    return producer, category


def add_products(producer, category, count: int, start: int) -> list:
    return [
        make_product(producer, title=f"Chiếu cói {n}", category=category, ocop_stars=(None, 3, 4, 5)[n % 4])
        for n in range(start, start + count)
    ]


def queries(client, url: str) -> list[str]:
    assert client.get(url).status_code == 200, url  # process-wide lookups (locales) warm, as in a running site
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in ctx.captured_queries]


def test_pages_make_the_same_queries_with_5_and_50_products(client, no_cache, tourism, shop):
    producer, category = shop
    first = add_products(producer, category, 5, 0)
    attraction = AttractionPage.objects.get(locale=tourism["vi"], slug="lang-coi-nga-son")
    urls = {
        "home": "/vi/",
        "category": category.url,
        "product": first[0].url,
        "attraction": attraction.url,
    }
    few = {name: queries(client, url) for name, url in urls.items()}
    assert "Chiếu cói 0" in client.get(attraction.url).content.decode()  # nearby lists the products

    add_products(producer, category, 45, 5)
    many = {name: queries(client, url) for name, url in urls.items()}

    for name in urls:
        assert len(many[name]) == len(few[name]), (name, "\n".join(many[name]))
