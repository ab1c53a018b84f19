"""The request and offer forms offer the 2025 wards and communes by name, without JavaScript,
and the server still checks the ward against the province."""

import datetime
import re

import pytest
from django.utils import timezone

from trade.models import Request

from .conftest import make_request

pytestmark = pytest.mark.django_db

HAC_THANH = 14797  # Phường Hạc Thành, Thanh Hóa (38)
BA_DINH = 4  # Phường Ba Đình, Hà Nội (1)


def request_data(**overrides):
    data = {
        "title_vi": "Cần mua chiếu cói",
        "title_en": "Wanted: sedge mats",
        "description_vi": "Giao tận nơi.",
        "quantity": "200",
        "unit": "piece",
        "deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "province_code": "38",
        "ward_code": str(HAC_THANH),
        "accept_policies": "on",
    }
    data.update(overrides)
    return data


def ward_select(html: str) -> str:
    match = re.search(r'<select name="ward_code"[^>]*>.*?</select>', html, re.S)
    assert match, "no ward select on the page"
    return match.group(0)


@pytest.mark.parametrize(
    ("language", "label", "button", "empty"),
    [
        ("en", "Ward or commune", "Show the wards of this province", "Not specified"),
        ("vi", "Phường hoặc xã", "Hiện các phường, xã của tỉnh này", "Không ghi rõ"),
    ],
)
def test_request_form_offers_the_provinces_wards_by_name(client, buyer, language, label, button, empty):
    client.force_login(buyer)
    html = client.get(f"/{language}/trade/requests/new/").content.decode()
    select = ward_select(html)
    assert f'<option value="{HAC_THANH}">Phường Hạc Thành</option>' in select
    assert ">Xã Nga Sơn</option>" in select and "Phường Ba Đình" not in select
    assert select.count("<option") == 166 + 1  # Thanh Hóa's 166 units and "not specified"
    assert f'<option value="" selected>{empty}</option>' in select
    assert f'<label for="id_ward_code">{label}:</label>' in html or f'<label for="id_ward_code">{label}</label>' in html
    assert button in html
    assert 'type="number" name="ward_code"' not in html


def test_changing_the_province_without_javascript_shows_its_wards_and_saves_nothing(client, buyer):
    client.force_login(buyer)
    response = client.post(
        "/en/trade/requests/new/", request_data(province_code="1", ward_code=str(HAC_THANH), change_province="1")
    )
    assert response.status_code == 200
    html = response.content.decode()
    select = ward_select(html)
    assert f'<option value="{BA_DINH}">Phường Ba Đình</option>' in select
    assert "Phường Hạc Thành" not in select
    assert '<option value="1" selected>Thành phố Hà Nội</option>' in html
    assert 'value="Wanted: sedge mats"' in html  # what was typed is kept
    assert "Nothing was saved" not in html and 'class="errorlist' not in html
    assert not Request.objects.exists()


def test_a_ward_of_the_province_is_saved_and_shown_by_name(client, buyer):
    client.force_login(buyer)
    response = client.post("/en/trade/requests/new/", request_data())
    assert response.status_code == 302, response.content.decode()[:1000]
    request = Request.objects.get()
    assert request.ward_code == HAC_THANH
    assert "Phường Hạc Thành" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This ward or commune is not in the chosen province."),
        ("vi", "Phường, xã này không thuộc tỉnh đã chọn."),
    ],
)
@pytest.mark.parametrize("ward", [str(HAC_THANH), "abc", "-1", "99999999"])
def test_a_ward_outside_the_province_is_refused_on_the_server(client, buyer, language, message, ward):
    client.force_login(buyer)
    response = client.post(f"/{language}/trade/requests/new/", request_data(province_code="1", ward_code=ward))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Request.objects.exists()


def test_editing_a_request_lists_the_wards_of_its_province_with_its_ward_chosen(client, buyer):
    request = make_request(buyer, province_code=1, ward_code=BA_DINH)
    client.force_login(buyer)
    select = ward_select(client.get(f"/en/trade/requests/{request.pk}/edit/").content.decode())
    assert f'<option value="{BA_DINH}" selected>Phường Ba Đình</option>' in select
    assert "Phường Hạc Thành" not in select


@pytest.mark.parametrize(("language", "empty"), [("en", "Not specified"), ("vi", "Không ghi rõ")])
def test_offer_form_offers_the_provinces_wards_by_name(client, business, language, empty):
    seller, _ = business
    client.force_login(seller)
    html = client.get(f"/{language}/trade/offers/new/").content.decode()
    select = ward_select(html)
    assert f'<option value="{HAC_THANH}">Phường Hạc Thành</option>' in select
    assert f'<option value="" selected>{empty}</option>' in select
    assert "Show the wards of this province" not in html  # offers are always within the province
