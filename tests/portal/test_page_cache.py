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


def test_a_hit_is_one_cache_round_trip(client, site_pages):
    """Each cache call is a round trip to Redis in production: a hit reads the generations and
    the entry in one call."""
    from unittest import mock

    from django.core.cache import cache

    client.get("/vi/")
    with mock.patch("portal.page_cache.cache", wraps=cache) as used:
        assert client.get("/vi/")["X-Page-Cache"] == "hit"
    assert [name for name, _args, _kwargs in used.mock_calls] == ["get_many"]


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


def test_view_served_is_heard_for_cache_hits_and_misses(client, site_pages):
    from portal.page_cache import view_served

    heard = []

    def listener(sender, request, notes, **kwargs):
        heard.append(notes.get("page_id"))

    view_served.connect(listener)
    try:
        client.get("/vi/")
        client.get("/vi/")
    finally:
        view_served.disconnect(listener)
    assert heard == [site_pages[0].pk, site_pages[0].pk]


def test_page_views_are_counted_for_cache_hits(client, site_pages):
    from dashboards import pageviews

    client.get("/vi/")
    assert client.get("/vi/")["X-Page-Cache"] == "hit"
    assert pageviews.pending() == 2


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


def test_a_new_view_restriction_drops_the_cached_copies_below_it(client, site_pages):
    from wagtail.models import PageViewRestriction

    from tests.factories.catalogue import catalogue_indexes, make_category

    category = make_category(catalogue_indexes(site_pages))[0]
    client.get(category.url)
    assert client.get(category.url)["X-Page-Cache"] == "hit"
    PageViewRestriction.objects.create(page=category.get_parent(), restriction_type="password", password="bí-mật")
    response = client.get(category.url)
    assert 'name="password"' in response.content.decode()
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"


def test_made_up_paths_are_not_kept(client, site_pages):
    """Only 200 answers are kept: a crawler asking for a million made-up paths cannot fill the cache."""
    from django.core.cache import cache

    client.get("/vi/khong-co-trang-nay/")  # the 404 page's own fragments
    keys_before = set(cache._cache)  # LocMemCache, the test settings' cache
    for i in range(5):
        assert client.get(f"/vi/khong-co-{i}/").status_code == 404
    assert {key for key in set(cache._cache) - keys_before if "pagecache" in key} == set()


def test_each_language_routes_to_its_own_home_and_follows_a_publish(client, site_pages):
    vi_home, en_home = site_pages
    assert vi_home.hero_title in client.get("/vi/").content.decode()
    english = client.get("/en/").content.decode()
    assert en_home.hero_title in english and vi_home.hero_title not in english
    en_home.hero_title = "Welcome back"
    en_home.save_revision().publish()
    assert "Welcome back" in client.get("/en/").content.decode()


def test_a_new_slug_or_an_unpublish_shows_on_the_very_next_request(
    client, site_pages, django_capture_on_commit_callbacks
):
    from tests.factories.catalogue import catalogue_indexes, make_category

    category = make_category(catalogue_indexes(site_pages))[0]
    old_url = category.url
    client.get(old_url)
    assert client.get(old_url)["X-Page-Cache"] == "hit"
    category.slug = "duong-dan-moi"
    with django_capture_on_commit_callbacks(execute=True):
        category.save_revision().publish()
    category.refresh_from_db()
    assert client.get(old_url).status_code == 301  # Wagtail's automatic redirect, not the old copy
    assert client.get(category.url).status_code == 200
    # A new slug above it moves it too: its old address is not replayed either.
    index = category.get_parent().specific
    assert client.get(category.url)["X-Page-Cache"] == "hit"
    index.slug = "danh-muc-moi"
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()
    assert client.get(category.url).status_code == 301
    category.refresh_from_db()
    category.unpublish()
    assert client.get(category.url).status_code == 404


def test_what_every_page_shows_drops_every_cached_copy(client, site_pages):
    """The footer's contact details and the menu (the home page's children) are on every page."""
    from wagtail.models import Site

    from portal.models import SiteSettings
    from tests.factories.catalogue import catalogue_indexes, make_category

    category = make_category(catalogue_indexes(site_pages))[0]
    for url in ("/vi/", category.url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    contact = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    contact.contact_phone = "0237 999 888"
    contact.save()
    for url in ("/vi/", category.url):
        assert "0237 999 888" in client.get(url).content.decode(), url
    menu_page = category.get_parent().specific  # a child of the home page, in the menu
    menu_page.show_in_menus = True
    menu_page.title = "Đặc sản xứ Thanh"
    menu_page.save_revision().publish()
    assert "Đặc sản xứ Thanh" in client.get("/vi/").content.decode()
    assert client.get(category.url).get("X-Page-Cache") != "hit"
