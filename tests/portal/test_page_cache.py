import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_anonymous_page_view_is_served_from_cache_the_second_time(client, site_pages):
    first = client.get("/vi/")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/vi/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Headers set by inner middleware (CSP, framing) are replayed with the cached page.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    # Right for a CDN: public and short-lived, and never shared with signed-in visitors.
    assert second["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in second["Vary"]


def test_publishing_a_page_invalidates_its_cached_copy_and_its_translation(client, site_pages):
    vi_home, en_home = site_pages
    client.get("/vi/")
    client.get("/en/")
    vi_home.hero_title = "Tiêu đề mới"
    vi_home.save_revision().publish()
    response = client.get("/vi/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tiêu đề mới" in response.content.decode()
    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_signed_in_users_are_never_served_cached_pages(client, site_pages, django_user_model):
    client.get("/vi/")
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    response = client.get("/vi/")
    assert "X-Page-Cache" not in response


@override_settings(PAGE_CACHE_SECONDS=0)
def test_cache_can_be_turned_off(client, site_pages):
    client.get("/vi/")
    assert "X-Page-Cache" not in client.get("/vi/")


def test_view_listeners_hear_cache_hits_and_misses(client, site_pages):
    from portal import registry

    heard = []
    registry.register_page_view_listener(lambda request, page_id: heard.append(page_id))
    try:
        client.get("/vi/")
        client.get("/vi/")
    finally:
        registry.page_view_listeners.pop()
    assert heard == [site_pages[0].pk, site_pages[0].pk]


def test_a_stock_change_drops_the_cached_product_page(client, site_pages, django_capture_on_commit_callbacks):
    from catalogue.models import ProducerPage, ProducersIndexPage, ProductPage, ProductVariant
    from catalogue.services import reserve_stock
    from portal.demo import upsert_page

    index, _ = upsert_page(site_pages[0], ProducersIndexPage, slug="co-so", vi={"title": "Cơ sở"}, en={"title": "P"})
    producer, _ = upsert_page(
        index,
        ProducerPage,
        slug="htx",
        vi={"title": "HTX"},
        en={"title": "Co-op"},
        shared={"business_type": "cooperative"},
    )
    product, _ = upsert_page(
        producer, ProductPage, slug="nem", vi={"title": "Nem", "summary": "Nem"}, en={"title": "Nem"}
    )
    variant = ProductVariant.objects.create(product=product, name="Gói", sku="N-1", price=50_000, stock=1)
    url = product.get_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        reserve_stock(variant.pk, 1)
    assert client.get(url)["X-Page-Cache"] == "miss"
