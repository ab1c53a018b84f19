"""What the shell says in the page's language: the language links name each language in
itself, images' alt text is in the page's language, and the footer links the order lookup."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db


def _switcher(html: str) -> str:
    return html.split('class="lang-switch"')[1].split("</nav>")[0]


@pytest.mark.parametrize(("path", "other", "name"), [("/vi/", "en", "English"), ("/en/", "vi", "Tiếng Việt")])
def test_each_language_link_is_named_in_its_own_language(client, site_pages, path, other, name):
    switcher = _switcher(client.get(path).content.decode())
    link = re.search(rf'<a [^>]*hreflang="{other}"[^>]*>', switcher).group(0)
    assert f'title="{name}"' in link and f'lang="{other}"' in link
    assert "Tiếng Anh" not in switcher and "Vietnamese" not in switcher


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_footer_links_the_order_lookup(client, site_pages, lang):
    html = client.get(f"/{lang}/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    assert f'href="/{lang}/orders/lookup/"' in footer


# Words of the demo's generated alt texts that belong to one language only.
VIETNAMESE_ALT = ("minh họa", "Tên trang", "trên nền")
ENGLISH_ALT = ("Generated illustration", "background", "Illustration")


def _alts(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [unescape(alt) for alt in re.findall(r'<img [^>]*alt="([^"]*)"', response.content.decode())]


def _demo_urls(language: str) -> list[str]:
    from catalogue.models import CategoriesIndexPage, ProducerPage, ProducersIndexPage, ProductPage
    from portal.models import HomePage
    from tourism.models.index import TourismIndexPage
    from tourism.models.listings import AttractionPage

    urls = []
    for model in (HomePage, CategoriesIndexPage, ProducersIndexPage, ProducerPage, ProductPage, TourismIndexPage):
        page = model.objects.live().filter(locale__language_code=language).first()
        assert page is not None, model
        urls.append(page.url)
    urls += [p.url for p in AttractionPage.objects.live().filter(locale__language_code=language)[:3]]
    return [*urls, f"/{language}/trade/"]


def test_images_alt_text_follows_the_pages_language(client, db, demo_db):
    for url in _demo_urls("en"):
        for alt in _alts(client, url):
            assert not any(word in alt for word in VIETNAMESE_ALT), (url, alt)
    for url in _demo_urls("vi"):
        for alt in _alts(client, url):
            assert not any(word in alt for word in ENGLISH_ALT), (url, alt)
