"""A product's stored point ("nearby" searches it): its own coordinates, else its producer's,
kept in step when either changes (catalogue.points)."""

import pytest

from catalogue.models import ProducerPage, ProductPage
from tests.factories.catalogue import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer(indexes):
    from tests.factories.catalogue import live_page

    return live_page(
        indexes["producers"],
        ProducerPage(
            title="HTX Cói (điểm)", slug="htx-coi-diem", business_type="cooperative", latitude=20.01, longitude=105.98
        ),
    )


def _point(product) -> tuple:
    return ProductPage.objects.values_list("point_latitude", "point_longitude").get(pk=product.pk)


def test_a_product_without_coordinates_stands_at_its_producer(producer):
    product = make_product(producer, title="Chiếu cói")
    assert _point(product) == (20.01, 105.98)


def test_a_product_with_its_own_coordinates_stands_there(producer):
    product = make_product(producer, title="Chiếu cói")
    product.latitude, product.longitude = 19.9, 105.7
    product.save_revision().publish()
    assert _point(product) == (19.9, 105.7)
    # Cleared again: back at the producer.
    product = ProductPage.objects.get(pk=product.pk)
    product.latitude = product.longitude = None
    product.save_revision().publish()
    assert _point(product) == (20.01, 105.98)


def test_products_follow_their_producer_when_it_moves_but_not_before_it_is_published(producer):
    follows = make_product(producer, title="Chiếu cói")
    own = make_product(producer, title="Thảm cói")
    own.latitude, own.longitude = 19.9, 105.7
    own.save()

    producer = ProducerPage.objects.get(pk=producer.pk)
    producer.latitude, producer.longitude = 19.8, 105.8
    producer.save_revision()  # a draft: the live page has not moved
    assert _point(follows) == (20.01, 105.98)

    ProducerPage.objects.get(pk=producer.pk).get_latest_revision().publish()
    assert _point(follows) == (19.8, 105.8)
    assert _point(own) == (19.9, 105.7)


def test_a_producer_without_coordinates_leaves_its_products_without_a_point(producer):
    product = make_product(producer, title="Chiếu cói")
    producer.latitude = producer.longitude = None
    producer.save()
    assert _point(product) == (None, None)
