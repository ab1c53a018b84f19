"""Template fragment caching ({% wagtailcache %} in the templates): each fragment is keyed on
what it shows (the page's cache_key, a product's stock_version, a category's listing_version,
the home page's shell_version), so a publish or a stock change drops the fragments that
show that page or product and no other.

A fragment that is kept is seen by changing a row behind the cache's back (a queryset
update sends no signal): the page still shows the old text.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from catalogue.models import ProductPage
from catalogue.services import reserve_stock
from tests.factories.catalogue import catalogue_indexes, make_business, make_category, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_SECONDS = 0  # the response cache is tested on its own (test_page_cache.py)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue(site_pages):
    """Two categories, one producer, a product in each category."""
    indexes = catalogue_indexes(site_pages)
    moderator = get_user_model().objects.create_user("mod", "mod@example.com", "changeme")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    _user, producer, _en = make_business("htx-a", moderator, business_name="HTX Nước mắm A")
    sauce, _ = make_category(indexes)
    mats, _ = make_category(indexes, slug="chieu-coi", title="Chiếu cói", slug_en="mats", title_en="Mats")
    fish = make_product(producer, title="Nước mắm cốt", category=sauce, variants=((120000, 2),), ocop_stars=5)
    mat = make_product(producer, title="Chiếu cói Nga Sơn", category=mats, variants=((300000, 5),), ocop_stars=4)
    return {"producer": producer, "sauce": sauce, "mats": mats, "fish": fish, "mat": mat}


def _html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def _change_behind_the_cache(page, **fields):
    ProductPage.objects.filter(pk=page.pk).update(**fields)


def test_a_publish_drops_that_products_detail_and_not_another_products(fragments_on, client, catalogue):
    fish, mat = catalogue["fish"], catalogue["mat"]
    assert "Tóm tắt Nước mắm cốt" in _html(client, fish)
    assert "Tóm tắt Chiếu cói Nga Sơn" in _html(client, mat)
    _change_behind_the_cache(mat, summary="Đổi lén")

    fish.summary = "Cốt nhĩ 40 độ đạm"
    fish.save_revision().publish()

    assert "Cốt nhĩ 40 độ đạm" in _html(client, fish)
    mat_html = _html(client, mat)
    assert "Tóm tắt Chiếu cói Nga Sơn" in mat_html and "Đổi lén" not in mat_html  # its fragment was kept


def test_a_stock_change_drops_that_products_detail_and_card_in_its_listing_and_on_home(
    fragments_on, client, catalogue, django_capture_on_commit_callbacks
):
    fish, sauce = catalogue["fish"], catalogue["sauce"]
    assert 'class="add-to-cart"' in _html(client, fish)
    assert "Out of stock" not in _html(client, sauce) and "Hết hàng" not in _html(client, sauce)
    assert "Nước mắm cốt" in _html(client, fish.get_parent().get_parent().get_parent())  # featured on home

    with django_capture_on_commit_callbacks(execute=True):
        reserve_stock(fish.variants.get().pk, 2)  # the last units

    assert 'class="add-to-cart"' not in _html(client, fish)
    assert "Hết hàng" in _html(client, sauce)  # the card's "Out of stock" badge
    home = _html(client, fish.get_parent().get_parent().get_parent())
    assert "Nước mắm cốt" not in home  # featured products are in stock


def test_a_price_change_shows_on_the_card_in_its_listing_and_on_home(
    fragments_on, client, catalogue, django_capture_on_commit_callbacks
):
    fish, sauce = catalogue["fish"], catalogue["sauce"]
    home = fish.get_parent().get_parent().get_parent()
    assert "120.000" in _html(client, sauce) and "120.000" in _html(client, home)
    variant = fish.variants.get()
    variant.price = 95000
    with django_capture_on_commit_callbacks(execute=True):
        variant.save()
    assert "95.000" in _html(client, sauce) and "95.000" in _html(client, home)


def test_a_stock_change_keeps_the_listing_of_another_category_and_other_products_details(
    fragments_on, client, catalogue, django_capture_on_commit_callbacks
):
    fish, mat, mats = catalogue["fish"], catalogue["mat"], catalogue["mats"]
    assert "Chiếu cói Nga Sơn" in _html(client, mats)
    _html(client, mat)
    _change_behind_the_cache(mat, title="Tên đổi lén", summary="Đổi lén")

    with django_capture_on_commit_callbacks(execute=True):
        reserve_stock(fish.variants.get().pk, 1)

    assert "Tên đổi lén" not in _html(client, mats)  # the other category's listing was kept
    assert "Đổi lén" not in _html(client, mat)  # so was the other product's detail


def test_a_stock_change_keeps_every_pages_menu_and_footer(
    fragments_on, client, site_pages, catalogue, django_capture_on_commit_callbacks
):
    from portal.models import HomePage

    vi_home, _en = site_pages
    fish, mat = catalogue["fish"], catalogue["mat"]
    _html(client, mat)
    HomePage.objects.filter(pk=vi_home.pk).update(footer_text="<p>Đổi lén</p>")

    with django_capture_on_commit_callbacks(execute=True):
        reserve_stock(fish.variants.get().pk, 1)

    assert "Đổi lén" not in _html(client, mat)  # the footer fragment was kept


def test_a_publish_moves_a_product_between_category_listings(fragments_on, client, catalogue):
    fish, sauce, mats = catalogue["fish"], catalogue["sauce"], catalogue["mats"]
    assert "Nước mắm cốt" in _html(client, sauce) and "Nước mắm cốt" not in _html(client, mats)
    fish.category = mats
    fish.save_revision().publish()
    assert "Nước mắm cốt" not in _html(client, sauce)
    assert "Nước mắm cốt" in _html(client, mats)


def test_an_unpublished_product_leaves_its_listing_at_once(fragments_on, client, catalogue):
    fish, sauce = catalogue["fish"], catalogue["sauce"]
    assert "Nước mắm cốt" in _html(client, sauce)
    fish.unpublish()
    assert "Nước mắm cốt" not in _html(client, sauce)


def test_a_producer_publish_shows_its_new_name_on_its_products(fragments_on, client, catalogue):
    producer, fish, sauce = catalogue["producer"], catalogue["fish"], catalogue["sauce"]
    assert "HTX Nước mắm A" in _html(client, fish)
    _html(client, sauce)
    producer.title = "HTX Nước mắm Ba Làng"
    producer.save_revision().publish()
    assert "HTX Nước mắm Ba Làng" in _html(client, fish)
    assert "HTX Nước mắm Ba Làng" in _html(client, sauce)


def test_fragments_are_off_when_the_setting_is_zero(settings, client, catalogue):
    settings.FRAGMENT_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    mat = catalogue["mat"]
    _html(client, mat)
    _change_behind_the_cache(mat, summary="Đổi lén")
    assert "Đổi lén" in _html(client, mat)


def test_footer_and_menu_follow_a_publish_with_fragments_on(fragments_on, client, site_pages):
    vi_home, _en = site_pages
    assert client.get("/vi/").status_code == 200
    vi_home.footer_text = "<p>Chân trang mới</p>"
    vi_home.save_revision().publish()
    assert "Chân trang mới" in client.get("/vi/").content.decode()


def test_a_new_menu_page_shows_in_the_menu_of_every_page(fragments_on, client, catalogue):
    fish = catalogue["fish"]
    home = fish.get_parent().get_parent().get_parent()
    assert "Góc báo chí" not in _html(client, fish)
    from wagtail.models import Page

    home.add_child(instance=Page(title="Góc báo chí", slug="bao-chi", show_in_menus=True))
    Page.objects.get(slug="bao-chi").save_revision().publish()
    assert "Góc báo chí" in _html(client, fish)


def test_site_settings_change_shows_in_the_footer_at_once(fragments_on, client, site_pages):
    from wagtail.models import Site

    from portal.models import SiteSettings

    client.get("/vi/")
    contact = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    contact.contact_phone = "0237 999 888"
    contact.save()
    assert "0237 999 888" in client.get("/vi/").content.decode()


def test_a_new_view_restriction_applies_at_once_with_fragments_on(fragments_on, client, catalogue):
    from wagtail.models import PageViewRestriction

    sauce = catalogue["sauce"]
    assert sauce.title in _html(client, sauce)
    PageViewRestriction.objects.create(page=sauce, restriction_type="password", password="bí-mật")
    response = client.get(sauce.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
