"""On the demo: every kind of page shows, in its language, the operator and the six policy
pages in its footer, and every policy page (and its version 1) answers."""

import pytest
from django.urls import reverse
from django.utils import translation

from catalogue.models import ProductPage
from portal.policies import PolicyKind, PolicyPage, policy_url, version_in_force
from tourism.models import AttractionPage

pytestmark = pytest.mark.django_db

OPERATOR = {
    "vi": "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Thanh Hóa",
    "en": "Thanh Hóa Investment, Trade and Tourism Promotion Centre",
}


def _urls(language: str) -> list[str]:
    home = PolicyPage.objects.live().filter(locale__language_code=language).first().get_parent()
    product = ProductPage.objects.live().filter(locale__language_code=language).first()
    attraction = AttractionPage.objects.live().filter(locale__language_code=language).first()
    with translation.override(language):
        app_urls = [reverse("orders:cart"), reverse("account_login"), reverse("search:search") + "?q=nem"]
    return [home.url, product.url, attraction.url, *app_urls]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_kind_of_page_shows_the_operator_and_the_six_policies(client, db, demo_db, language):
    links = [policy_url(kind, language) for kind in PolicyKind.values]
    assert all(link.startswith(f"/{language}/") for link in links), links
    for url in _urls(language):
        assert url.startswith(f"/{language}/"), url
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert OPERATOR[language] in footer and "0237 385 0000" in footer, url
        for link in links:
            assert f'href="{link}"' in footer, (url, link)
        assert "ministry-badge" not in footer  # the demo has no registration link


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_demo_policies_are_in_force_and_readable(client, db, demo_db, language):
    for kind in PolicyKind.values:
        version = version_in_force(kind, language=language)
        assert version is not None and version.number == 1, kind
        page = version.page.specific
        assert page.locale.language_code == language and len(page.body) > 800, kind
        assert client.get(page.url).status_code == 200
        assert client.get(version.get_url()).status_code == 200
