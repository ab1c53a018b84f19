"""Shared fragment caches, the two-query router and the per-process Site cache."""

import pytest
from django.core.cache import cache
from django.http import Http404
from django.test import RequestFactory

from portal.fragments import cached_fragment, content_generation
from portal.routing import find_descendant

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_fragment_is_built_once_and_again_after_a_publish(fragments_on, site_pages):
    vi_home, _en = site_pages
    built = []

    def build():
        built.append(1)
        return f"html {len(built)}"

    assert cached_fragment("t", (1,), build) == "html 1"
    assert cached_fragment("t", (1,), build) == "html 1"
    assert cached_fragment("t", (2,), build) == "html 2"  # other parts, other fragment
    before = content_generation()
    vi_home.save_revision().publish()
    assert content_generation() > before
    assert cached_fragment("t", (1,), build) == "html 3"


def test_fragments_are_off_when_the_setting_is_zero(settings, site_pages):
    settings.FRAGMENT_CACHE_SECONDS = 0
    built = []
    cached_fragment("t", (), lambda: built.append(1))
    cached_fragment("t", (), lambda: built.append(1))
    assert len(built) == 2


def test_footer_and_menu_follow_a_publish_with_fragments_on(fragments_on, client, site_pages):
    vi_home, _en = site_pages
    assert client.get("/vi/").status_code == 200
    vi_home.footer_text = "<p>Chân trang mới</p>"
    vi_home.save_revision().publish()
    assert "Chân trang mới" in client.get("/vi/").content.decode()


def test_site_settings_change_shows_in_the_footer_at_once(fragments_on, client, site_pages):
    from wagtail.models import Site

    from portal.models import SiteSettings

    client.get("/vi/")
    contact = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    contact.contact_phone = "0237 999 888"
    contact.save()
    assert "0237 999 888" in client.get("/vi/").content.decode()


def _walk(root, components):
    """Wagtail's own routing, one child at a time."""
    from wagtail.models import Page

    return Page.route(root, RequestFactory().get("/"), components).page


def test_router_finds_the_same_page_as_wagtails_walk(site_pages):
    from tests.factories.catalogue import catalogue_indexes, make_category

    vi_home, _en = site_pages
    category = make_category(catalogue_indexes(site_pages))[0]
    components = [c for c in category.url_path[len(vi_home.url_path) :].split("/") if c]
    found = find_descendant(vi_home, components)
    assert found.pk == _walk(vi_home, components).pk == category.pk
    assert type(found) is type(category.specific)  # the page's own class, for its template


def test_router_leaves_missing_paths_and_drafts_to_wagtail(site_pages, client):
    from tests.factories.catalogue import catalogue_indexes, make_category

    vi_home, _en = site_pages
    category = make_category(catalogue_indexes(site_pages))[0]
    components = [c for c in category.url_path[len(vi_home.url_path) :].split("/") if c]
    assert find_descendant(vi_home, [*components[:-1], "khong-co"]) is None
    assert client.get(category.url.replace(category.slug, "khong-co")).status_code == 404
    category.unpublish()
    with pytest.raises(Http404):
        vi_home.route(RequestFactory().get("/"), components)


def test_the_site_cache_follows_a_home_page_publish(fragments_on, client, site_pages):
    vi_home, _en = site_pages
    client.get("/vi/")
    vi_home.hero_title = "Chào mừng lần nữa"
    vi_home.save_revision().publish()
    assert "Chào mừng lần nữa" in client.get("/vi/").content.decode()


def test_the_cached_site_root_routes_each_language_to_its_own_home(fragments_on, client, site_pages):
    vi_home, en_home = site_pages
    assert vi_home.hero_title in client.get("/vi/").content.decode()
    english = client.get("/en/").content.decode()
    assert en_home.hero_title in english and vi_home.hero_title not in english
    en_home.hero_title = "Welcome back"
    en_home.save_revision().publish()
    assert "Welcome back" in client.get("/en/").content.decode()


def test_a_new_view_restriction_applies_at_once_with_fragments_on(fragments_on, client, site_pages):
    from wagtail.models import PageViewRestriction

    from tests.factories.catalogue import catalogue_indexes, make_category

    category = make_category(catalogue_indexes(site_pages))[0]
    assert category.title in client.get(category.url).content.decode()  # no restriction anywhere yet
    PageViewRestriction.objects.create(page=category, restriction_type="password", password="bí-mật")
    response = client.get(category.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_a_routed_page_is_kept_until_it_changes(fragments_on, client, site_pages, django_assert_num_queries):
    """The router keeps the page it found: a repeat request routes without a query, and an
    unpublish, a new slug or an edit shows on the very next request."""
    from tests.factories.catalogue import catalogue_indexes, make_category

    vi_home, _en = site_pages
    category = make_category(catalogue_indexes(site_pages))[0]
    components = [c for c in category.url_path[len(vi_home.url_path) :].split("/") if c]
    assert find_descendant(vi_home, components).pk == category.pk
    with django_assert_num_queries(0):
        kept = find_descendant(vi_home, components)
    assert kept.pk == category.pk and type(kept) is type(category.specific)

    old_url = category.url
    category.title = "Tên mới của danh mục"
    category.save_revision().publish()
    assert "Tên mới của danh mục" in client.get(old_url).content.decode()

    category.slug = "duong-dan-moi"
    category.save_revision().publish()
    category.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(category.url).status_code == 200

    category.unpublish()
    assert client.get(category.url).status_code == 404


def test_made_up_paths_are_not_kept(fragments_on, client, site_pages):
    """Misses are not cached: a crawler asking for a million made-up paths cannot fill the cache."""
    for path in ("/vi/khong-co-trang-nay/", "/vi/cung-khong-co/"):  # the 404 page's own fragments
        client.get(path)
    keys_before = set(cache._cache)  # LocMemCache, the test settings' cache
    for i in range(5):
        assert client.get(f"/vi/khong-co-{i}/").status_code == 404
    assert set(cache._cache) - keys_before == set()
