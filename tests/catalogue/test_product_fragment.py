"""The product's detail is a shared fragment: a sale of the last unit shows at once."""

import pytest

from catalogue.services import release_stock, reserve_stock
from tests.factories.catalogue import make_product

pytestmark = pytest.mark.django_db


def test_stock_changes_show_on_the_next_view_with_fragments_on(
    client, settings, businesses, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    settings.FRAGMENT_CACHE_SECONDS = 600
    cache.clear()
    (_user, producer, _en), _other = businesses
    product = make_product(producer, title="Nem chua thử", variants=((40000, 1),))
    variant = product.variants.get()
    assert 'class="add-to-cart"' in client.get(product.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        reserve_stock(variant.pk, 1)
    html = client.get(product.url).content.decode()
    assert 'class="add-to-cart"' not in html and "out-of-stock" in html
    with django_capture_on_commit_callbacks(execute=True):
        release_stock(variant.pk, 1)
    assert 'class="add-to-cart"' in client.get(product.url).content.decode()
    cache.clear()
