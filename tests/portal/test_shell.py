import io
import json
import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.money import format_dong

pytestmark = pytest.mark.django_db


def test_root_redirects_to_vietnamese_by_default(client, site_pages):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/vi/"


def test_root_redirects_by_accept_language(client, site_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [("/vi/", "vi", "Đặc sản, truy xuất nguồn gốc"), ("/en/", "en", "Local produce, traceability")],
)
def test_home_page_is_served_in_its_language(client, site_pages, path, lang, text):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert text in html


def test_home_page_links_its_translations_with_hreflang(client, site_pages):
    html = client.get("/vi/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html))
    assert alternates == {"vi": "http://testserver/vi/", "en": "http://testserver/en/"}


def test_language_switcher_targets_the_same_page_in_the_other_language(client, site_pages):
    vi_home, en_home = site_pages
    vi_child = vi_home.add_child(instance=type(vi_home)(title="Giới thiệu", slug="gioi-thieu", hero_title="x"))
    vi_child.save_revision().publish()
    en_child = vi_child.copy_for_translation(en_home.locale)
    en_child.slug = "about"
    en_child.save_revision().publish()
    html = client.get("/vi/gioi-thieu/").content.decode()
    switcher = html.split('class="lang-switch"')[1].split("</nav>")[0]
    assert 'href="/en/about/"' in switcher


def test_language_switcher_falls_back_to_nearest_translated_ancestor(client, site_pages):
    vi_home, _ = site_pages
    vi_only = vi_home.add_child(instance=type(vi_home)(title="Chỉ tiếng Việt", slug="chi-vi", hero_title="x"))
    vi_only.save_revision().publish()
    html = client.get("/vi/chi-vi/").content.decode()
    switcher = html.split('class="lang-switch"')[1].split("</nav>")[0]
    assert 'href="/en/"' in switcher
    # An inexact fallback is not announced as an hreflang alternate.
    assert 'hreflang="en" href="http://testserver/en/"' not in html.split("</head>")[0]


def test_healthz_reports_database_status(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["vendor"] == "postgresql"


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [
        ("/vi/khong-co-trang-nay/", "vi", "Không tìm thấy trang"),
        ("/en/no-such-page/", "en", "Page not found"),
    ],
)
def test_404_page_in_both_languages(client, site_pages, path, lang, text):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert text in html


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_sitemap_lists_both_languages_with_alternates(client, site_pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    root = site_pages[0].get_site().root_url
    assert f"<loc>{root}/vi/</loc>" in xml
    assert f"<loc>{root}/en/</loc>" in xml
    assert f'hreflang="en" href="{root}/en/"' in xml
    assert f'hreflang="vi" href="{root}/vi/"' in xml


def test_home_page_carries_json_ld(client, site_pages):
    html = client.get("/en/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "WebSite"
    assert data["inLanguage"] == "en"


@pytest.mark.parametrize(("lang", "expected"), [("vi", "150.000\u00a0₫"), ("en", "₫150,000")])
def test_money_follows_the_language(lang, expected):
    assert format_dong(150000, lang) == expected


def _counts():
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"portal", "catalogue", "tourism", "traceability", "orders", "trade", "wagtailcore", "auth"}
        and not model._meta.label.startswith("wagtailcore.ModelLogEntry")
    }


def test_load_demo_twice_leaves_the_same_counts(db, demo_db):
    first = _counts()
    assert first["wagtailcore.Page"] > 2
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first


@override_settings(SETTINGS_MODULE="portal.settings.production")
def test_demo_sign_ins_are_refused_under_production_settings(db):
    from django.core.exceptions import ImproperlyConfigured

    from portal.demo import ensure_user

    with pytest.raises(ImproperlyConfigured):
        ensure_user("admin")


def test_the_demo_records_which_pages_use_each_image(db, demo_db):
    """load_demo rebuilds Wagtail's reference index once at the end instead of on every save
    (portal.bulk): the admin's "usage" of a picture lists every page that shows it."""
    from wagtail.models import ReferenceIndex

    from tourism.models import AttractionPage

    attractions = AttractionPage.objects.exclude(image=None)
    assert attractions.count() >= 4
    for attraction in attractions:
        using = {int(ref.object_id) for ref in ReferenceIndex.get_references_to(attraction.image)}
        assert attraction.pk in using, attraction


def test_the_admin_search_finds_every_demo_product_in_both_languages(db, demo_db):
    """load_demo writes Wagtail's admin search index once at the end instead of on every save
    (portal.bulk): each product, in each language, is found by its title, as its latest
    revision names it."""
    from catalogue.models import ProductPage

    products = ProductPage.objects.all()
    assert products.filter(locale__language_code="vi").exists() and products.filter(locale__language_code="en").exists()
    for product in products:
        found = ProductPage.objects.filter(locale=product.locale).search(product.title, operator="and")
        assert product.pk in {page.pk for page in found}, (product.locale.language_code, product.title)
