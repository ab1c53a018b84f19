"""The trace page's dependents on Redis, as production keeps them (portal.redis_cache): the
reverse index of the response cache in Redis sets, shared by every app process."""

import pytest
from django.core.cache import cache

from portal.page_cache import _dependents_key
from tests.servers.redis import redis_server  # noqa: F401  (session fixture)

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_shop")]


@pytest.fixture
def redis_cache(settings, redis_server):  # noqa: F811
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.redis_cache.ForgivingRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield cache
    cache.clear()


def test_publishing_the_product_drops_its_trace_page_through_redis(client, shop, recorded_chain, redis_cache):
    url = f"/t/{shop.batch.public_code}"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    product = shop.batch.product
    assert redis_cache.members_of_sets([_dependents_key(product.get_url_parts()[2])]) == {url}
    product.title = "Gạo Nàng Hương vụ mới"
    product.save_revision().publish()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Gạo Nàng Hương vụ mới" in response.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_with_redis_down_an_invalidation_is_a_no_op(client, shop, recorded_chain, redis_cache, redis_server):  # noqa: F811
    from portal.page_cache import invalidate_paths
    from portal.redis_cache import ForgivingRedisCache

    redis_server.stop()
    try:
        invalidate_paths([shop.batch.product.url])  # the sets and the generations are out of reach
        assert client.get(f"/t/{shop.batch.public_code}").status_code == 200  # built from PostgreSQL
    finally:
        redis_server.start()
        ForgivingRedisCache._down_until = 0.0
