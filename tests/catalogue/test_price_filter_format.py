"""The category page's price filter reads prices as the page's language writes them."""

import pytest

from tests.catalogue.test_pages import _titles, filter_products  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db


def test_vietnamese_thousands_dots_in_the_price_filter_mean_thousands(client, category, filter_products):  # noqa: F811
    url = category[0].url
    assert _titles(client, url, {"price_min": "50.000", "price_max": "100.000"}) == {"Ba sao VietGAP"}
    html = client.get(url, {"price_min": "50.000"}).content.decode()
    assert 'value="50.000"' in html


def test_a_price_with_decimals_is_ignored_with_a_message(client, category, filter_products):  # noqa: F811
    response = client.get(category[0].url, {"price_min": "50,5"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "không có phần thập phân" in html
    assert {"Rẻ Hoằng Hóa", "Bốn sao", "Ba sao VietGAP"} == _titles(client, category[0].url, {"price_min": "50,5"})
