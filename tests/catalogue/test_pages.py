"""The page tree, its URLs in both languages, stock, JSON-LD and the category page."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.models import (
    CategoriesIndexPage,
    CategoryPage,
    ProducerPage,
    ProducersIndexPage,
    ProductPage,
    ProductVariant,
)
from catalogue.services import OutOfStock, reserve_stock
from portal.demo import areas
from portal.models import HomePage
from tests.factories.catalogue import make_category, make_product

pytestmark = pytest.mark.django_db


def test_page_types_may_only_live_where_the_tree_expects():
    assert ProducersIndexPage in HomePage.allowed_subpage_models()
    assert CategoriesIndexPage in HomePage.allowed_subpage_models()
    assert ProducersIndexPage.allowed_subpage_models() == [ProducerPage]
    assert ProducerPage.allowed_subpage_models() == [ProductPage]
    assert CategoriesIndexPage.allowed_subpage_models() == [CategoryPage]
    assert ProductPage.allowed_subpage_models() == []
    assert HomePage not in ProductPage.allowed_parent_page_models()
    assert ProductPage.allowed_parent_page_models() == [ProducerPage]


def test_can_create_at(indexes, businesses):
    (_u, producer, _e), _b = businesses
    assert ProducerPage.can_create_at(indexes["producers"])
    assert ProductPage.can_create_at(producer)
    assert not ProductPage.can_create_at(indexes["producers"])
    assert not ProducersIndexPage.can_create_at(indexes["producers"].get_parent())  # one per home


def test_urls_in_both_languages(client, businesses, category):
    (_u, producer, en_producer), _b = businesses
    product = make_product(
        producer, title="Nước mắm cốt", slug="nuoc-mam-cot", en_producer=en_producer, title_en="First-press fish sauce"
    )
    en_product = product.get_translation(en_producer.locale)
    assert product.url == "/vi/nha-san-xuat/htx-a/nuoc-mam-cot/"
    assert en_product.url.startswith("/en/producers/fish-sauce-co-op-a/")
    for page, text, lang in [
        (indexes_page := producer.get_parent(), "HTX Nước mắm A", "vi"),
        (producer, "HTX Nước mắm A", "vi"),
        (en_producer, "Fish Sauce Co-op A", "en"),
        (product, "Nước mắm cốt", "vi"),
        (en_product, "First-press fish sauce", "en"),
        (category[0], "Nước mắm", "vi"),
        (category[1], "Fish sauce", "en"),
        (category[0].get_parent(), "Nước mắm", "vi"),
    ]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert text in html, page.url
    assert indexes_page.url == "/vi/nha-san-xuat/"


def test_product_page_shows_prices_stars_and_add_to_cart_form(client, businesses):
    (_u, producer, _e), _b = businesses
    product = make_product(producer, title="Mắm tôm", variants=((55000, 3), (115000, 0)), ocop_stars=5)
    html = client.get(product.url).content.decode()
    assert "55.000\u00a0₫" in html and "115.000\u00a0₫" in html
    assert "OCOP 5★" in html
    form = re.search(r'<form method="get" action="([^"]+)" class="add-to-cart"[^>]*>(.*?)</form>', html, re.S)
    assert form and form.group(1) == reverse("orders:cart_add")
    in_stock = ProductVariant.objects.get(product=product, price=55000)
    assert f'name="variant" value="{in_stock.pk}"' in form.group(2)
    assert 'name="quantity"' in form.group(2)
    # No CSRF token: the page is the same for every visitor and can be served from the page cache
    # (orders/cart-add.js fetches one; without JavaScript the GET answers with a form that has one).
    assert "csrfmiddlewaretoken" not in form.group(2)


def test_out_of_stock_product_has_no_cart_form(client, businesses):
    (_u, producer, _e), _b = businesses
    product = make_product(producer, title="Bưởi hết hàng", variants=((90000, 0),))
    assert product.in_stock is False
    html = client.get(product.url).content.decode()
    assert "out-of-stock" in html
    assert 'class="add-to-cart"' not in html
    with pytest.raises(OutOfStock):
        reserve_stock(product.variants.get().pk, 1)


def test_inactive_variant_does_not_count_as_stock(client, businesses):
    (_u, producer, _e), _b = businesses
    product = make_product(producer, title="Chè", variants=((40000, 10),))
    product.variants.update(is_active=False)
    product = ProductPage.objects.get(pk=product.pk)
    assert product.is_available is False
    assert 'class="add-to-cart"' not in client.get(product.url).content.decode()


def test_selling_the_last_unit_marks_the_product_out_of_stock(businesses):
    (_u, producer, _e), _b = businesses
    product = make_product(producer, title="Nem chua", variants=((30000, 1),))
    reserve_stock(product.variants.get().pk, 1)
    product.refresh_from_db()
    assert product.in_stock is False


def test_product_json_ld_parses_and_carries_the_price(client, businesses):
    (_u, producer, _e), _b = businesses
    product = make_product(producer, title="Nước mắm 40N", variants=((185000, 4), (99000, 0)))
    html = client.get(product.url).content.decode()
    blocks = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    data = next(b for b in blocks if b.get("@type") == "Product")
    assert data["name"] == "Nước mắm 40N"
    assert data["brand"]["name"] == producer.title
    offers = {o["price"]: o for o in data["offers"]}
    assert offers[185000]["priceCurrency"] == "VND"
    assert offers[185000]["availability"] == "https://schema.org/InStock"
    assert offers[99000]["availability"] == "https://schema.org/OutOfStock"
    assert 'property="og:type" content="product"' in html


def test_producer_json_ld_is_a_local_business(client, businesses):
    (_u, producer, _e), _b = businesses
    html = client.get(producer.url).content.decode()
    blocks = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    assert any(b.get("@type") == "LocalBusiness" and b["name"] == producer.title for b in blocks)


@pytest.fixture
def filter_products(businesses, category):
    (_u, producer, _e), (_ub, producer_b, _eb) = businesses
    area_map = areas()
    nga_son, hoang_hoa = area_map["huyen-nga-son"][0], area_map["huyen-hoang-hoa"][0]
    cat = category[0]
    return {
        "cheap": make_product(
            producer, title="Rẻ Hoằng Hóa", category=cat, variants=((30000, 5),), origin_area=hoang_hoa
        ),
        "star4": make_product(
            producer, title="Bốn sao", category=cat, variants=((120000, 5),), ocop_stars=4, origin_area=hoang_hoa
        ),
        "star3_vietgap": make_product(
            producer_b,
            title="Ba sao VietGAP",
            category=cat,
            variants=((80000, 5),),
            ocop_stars=3,
            certificates=["vietgap"],
            origin_area=nga_son,
        ),
        "other_category": make_product(producer_b, title="Khác nhóm", variants=((50000, 5),)),
    }


def _titles(client, url, query):
    html = client.get(url, query).content.decode()
    return {t for t in ["Rẻ Hoằng Hóa", "Bốn sao", "Ba sao VietGAP", "Khác nhóm"] if t in html}


def test_category_lists_only_its_products(client, category, filter_products):
    assert _titles(client, category[0].url, {}) == {"Rẻ Hoằng Hóa", "Bốn sao", "Ba sao VietGAP"}


def test_category_listing_follows_renames_unpublishing_and_moves(client, indexes, category, filter_products):
    """The listing reads the products' own listing columns: each save that changes the title,
    the live state or the category keeps them in step, so the next view shows it."""
    renamed, unpublished, moved = filter_products["cheap"], filter_products["star4"], filter_products["star3_vietgap"]
    renamed.title = "Khác nhóm"  # the title the other category's product bears
    renamed.save_revision().publish()
    unpublished.unpublish()
    other = make_category(indexes, slug="che", title="Chè", slug_en="tea", title_en="Tea")[0]
    moved.category = other
    moved.save_revision().publish()
    assert _titles(client, category[0].url, {}) == {"Khác nhóm"}
    assert _titles(client, other.url, {}) == {"Ba sao VietGAP"}

    stored = ProductPage.objects.get(pk=renamed.pk)
    assert (stored.listing_title, stored.listing_live) == ("Khác nhóm", True)
    assert stored.listing_locale_id == renamed.locale_id
    assert stored.listing_category_key == category[0].translation_key
    assert not ProductPage.objects.get(pk=unpublished.pk).listing_live


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"area": "huyen-nga-son"}, {"Ba sao VietGAP"}),
        ({"stars": "4"}, {"Bốn sao"}),
        ({"stars": "3"}, {"Bốn sao", "Ba sao VietGAP"}),
        ({"certificate": "vietgap"}, {"Ba sao VietGAP"}),
        ({"price_min": "50000", "price_max": "100000"}, {"Ba sao VietGAP"}),
        ({"price_max": "90000", "area": "huyen-hoang-hoa"}, {"Rẻ Hoằng Hóa"}),
    ],
)
def test_category_filters(client, category, filter_products, query, expected):
    assert _titles(client, category[0].url, query) == expected


def test_bad_filter_values_are_ignored_with_a_message(client, category, filter_products):
    response = client.get(category[0].url, {"stars": "9", "price_min": "abc", "area": "nowhere", "page": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "bị bỏ qua" in html or "ignored" in html
    assert {"Rẻ Hoằng Hóa", "Bốn sao", "Ba sao VietGAP"} <= {
        t for t in ["Rẻ Hoằng Hóa", "Bốn sao", "Ba sao VietGAP"] if t in html
    }


def test_english_category_page_lists_english_products(client, businesses, category):
    (_u, producer, en_producer), _b = businesses
    make_product(
        producer,
        title="Mắm",
        category=category[0],
        en_producer=en_producer,
        en_category=category[1],
        title_en="Paste EN",
    )
    html = client.get(category[1].url).content.decode()
    assert "Paste EN" in html


def test_category_pagination_shows_24_per_page(client, businesses, category):
    (_u, producer, _e), _b = businesses
    for i in range(26):
        make_product(producer, title=f"Sản phẩm {i:02d}", category=category[0])
    first = client.get(category[0].url).content.decode()
    assert first.count('class="card product-card"') == 24
    second = client.get(category[0].url, {"page": "2"}).content.decode()
    assert second.count('class="card product-card"') == 2


def _queries(client, url):
    client.get(url)  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_category_page_query_count_does_not_grow_with_products(client, businesses, category):
    (_u, producer, _e), (_ub, producer_b, _eb) = businesses
    for i in range(2):
        make_product(producer, title=f"Ít {i}", category=category[0], ocop_stars=3)
    few = _queries(client, category[0].url)
    for i in range(22):
        make_product(producer_b if i % 2 else producer, title=f"Nhiều {i}", category=category[0], ocop_stars=4)
    many = _queries(client, category[0].url)
    assert many == few


def test_home_page_shows_featured_products(client, businesses):
    (_u, producer, _e), _b = businesses
    make_product(producer, title="Nổi bật", ocop_stars=5)
    html = client.get("/vi/").content.decode()
    assert "Nổi bật" in html
