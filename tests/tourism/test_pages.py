"""Page types, URLs in both languages, JSON-LD, the page tree rules and admin validation."""

import json
import re

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.models import HomePage
from tourism.models import AttractionPage, EventPage, ItineraryPage, PlacePage, TourismIndexPage


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.parametrize(
    ("model", "slug", "schema_type"),
    [
        (AttractionPage, "thanh-nha-ho", "TouristAttraction"),
        (PlacePage, "pu-luong-homestays-ban-don", "LodgingBusiness"),
        (PlacePage, "banh-khoai-truong-thi", "Restaurant"),
        (EventPage, "le-hoi-lam-kinh", "Event"),
        (ItineraryPage, "di-san-xu-thanh-2-ngay", "TouristTrip"),
        (TourismIndexPage, "du-lich", "CollectionPage"),
    ],
)
def test_each_page_type_renders_in_both_languages_with_json_ld(client, tourism, model, slug, schema_type):
    page_vi = model.objects.get(locale=tourism["vi"], slug=slug)
    page_en = page_vi.get_translation(tourism["en"])
    assert page_vi.url.startswith("/vi/du-lich/") or page_vi.url == "/vi/du-lich/"
    assert page_en.url.startswith("/en/travel/")
    assert page_en.slug != page_vi.slug or model is TourismIndexPage
    for page in (page_vi, page_en):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert page.title in html
        types = [data.get("@type") for data in json_ld(html)]
        assert schema_type in types, (page.url, types)


def test_attraction_json_ld_has_geo_prices_and_hours(client, tourism):
    page = AttractionPage.objects.get(locale=tourism["en"], slug="citadel-of-the-ho-dynasty")
    data = next(d for d in json_ld(client.get(page.url).content.decode()) if d["@type"] == "TouristAttraction")
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 20.07806, "longitude": 105.60472}
    assert {o["price"] for o in data["offers"]} == {40000, 20000}
    assert all(o["priceCurrency"] == "VND" for o in data["offers"])
    assert data["openingHoursSpecification"][0]["opens"] == "07:00"


def test_attraction_page_shows_prices_in_dong_and_opening_hours(client, tourism):
    page = AttractionPage.objects.get(locale=tourism["vi"], slug="thanh-nha-ho")
    html = client.get(page.url).content.decode()
    assert "40.000" in html and "₫" in html
    assert "07:00–17:30" in html


def test_event_page_shows_the_next_solar_occurrence(client, tourism):
    page = EventPage.objects.get(locale=tourism["en"], slug="lunar-new-year-tet")
    html = client.get(page.url).content.decode()
    occurrence = page.next_occurrence
    assert occurrence is not None
    assert f'datetime="{occurrence.start.isoformat()}"' in html
    data = next(d for d in json_ld(html) if d["@type"] == "Event")
    assert data["startDate"] == occurrence.start.isoformat()


def test_page_tree_rules():
    assert TourismIndexPage in HomePage.allowed_subpage_models()
    for model in (AttractionPage, PlacePage, EventPage, ItineraryPage):
        assert model.allowed_parent_page_models() == [TourismIndexPage]
        assert model in TourismIndexPage.allowed_subpage_models()
        assert model not in HomePage.allowed_subpage_models()


def test_tourism_index_and_map_are_in_the_navigation(client, tourism):
    html = client.get("/en/").content.decode()
    assert 'href="/en/travel/"' in html
    assert 'href="/en/map/"' in html


def test_home_page_shows_upcoming_festivals_and_attractions(client, tourism):
    html = client.get("/vi/").content.decode()
    section = html[html.index('class="home-tourism"') :]
    assert "/vi/du-lich/" in section
    assert "Lễ hội sắp tới" in section  # upcoming festivals, in Vietnamese
    assert "Thành nhà Hồ" in section  # a featured attraction
    assert "Hang Con Moong" not in section  # not featured


@pytest.fixture
def editor_client(client, tourism, django_user_model, settings):
    """A superuser whose admin is in English, so messages can be asserted on."""
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("tourism-admin", "a@example.com", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def _attraction_form(latitude, longitude, **extra):
    return nested_form_data(
        {
            "title": "Test sight",
            "slug": "test-sight",
            "attraction_type": "nature",
            "intro": "",
            "body": rich_text(""),
            "gallery": streamfield([]),
            "opening_hours": streamfield([]),
            "highlights": streamfield([]),
            "offers": streamfield([]),
            "latitude": latitude,
            "longitude": longitude,
            "best_months": [],
            **extra,
        }
    )


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        (95, 105.6, "Latitude must be between -90 and 90"),
        (10.77, 106.70, "far outside the province"),
        (105.6, 20.07, "Latitude must be between -90 and 90"),
    ],
)
def test_admin_refuses_bad_coordinates_with_a_clear_message(editor_client, tourism, latitude, longitude, message):
    index = tourism["index_vi"]
    url = f"/admin/pages/add/tourism/attractionpage/{index.pk}/"
    response = editor_client.post(url, _attraction_form(latitude, longitude))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AttractionPage.objects.filter(slug="test-sight").exists()


def test_admin_accepts_coordinates_inside_the_province(editor_client, tourism):
    index = tourism["index_vi"]
    url = f"/admin/pages/add/tourism/attractionpage/{index.pk}/"
    response = editor_client.post(url, _attraction_form(20.0, 105.6))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert AttractionPage.objects.filter(slug="test-sight").exists()


def test_admin_refuses_a_lunar_date_that_does_not_exist(editor_client, tourism):
    index = tourism["index_vi"]
    url = f"/admin/pages/add/tourism/eventpage/{index.pk}/"
    data = nested_form_data(
        {
            "title": "Test festival",
            "slug": "test-festival",
            "intro": "",
            "body": rich_text(""),
            "programme": streamfield([]),
            "calendar": "lunar",
            "recurs_yearly": "on",
            "lunar_year": 2026,
            "lunar_month": 6,
            "lunar_day": 1,
            "lunar_leap": "on",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "has no leap month 6" in response.content.decode()
    assert not EventPage.objects.filter(slug="test-festival").exists()


def test_admin_form_shows_twelve_month_checkboxes(editor_client, tourism):
    index = tourism["index_vi"]
    html = editor_client.get(f"/admin/pages/add/tourism/attractionpage/{index.pk}/").content.decode()
    assert len(re.findall(r'name="best_months"', html)) == 12


def _itinerary_form(days, stop_day, stop_page):
    return nested_form_data(
        {
            "title": "Test trip",
            "slug": "test-trip",
            "intro": "",
            "days": days,
            "body": rich_text(""),
            "stops": inline_formset([{"day": stop_day, "page": stop_page.pk, "note": "", "ORDER": 1}]),
        }
    )


def test_admin_refuses_a_stop_after_the_last_day(editor_client, tourism):
    citadel = AttractionPage.objects.get(locale=tourism["vi"], slug="thanh-nha-ho")
    url = f"/admin/pages/add/tourism/itinerarypage/{tourism['index_vi'].pk}/"
    response = editor_client.post(url, _itinerary_form(1, 2, citadel))
    assert response.status_code == 200
    assert "A stop is on day 2 but the itinerary has 1 days." in response.content.decode()
    assert not ItineraryPage.objects.filter(slug="test-trip").exists()

    response = editor_client.post(url, _itinerary_form(2, 2, citadel))
    assert response.status_code == 302
    trip = ItineraryPage.objects.get(slug="test-trip")
    assert [row.page.pk for row in trip.stop_rows()] == [citadel.pk]


@pytest.mark.parametrize(
    "path",
    ["/en/travel/citadel-of-the-ho-dynasty/", "/en/travel/lam-kinh-festival/", "/en/travel/pu-luong-retreat/"],
)
def test_detail_pages_use_a_bounded_number_of_queries(client, tourism, django_assert_max_num_queries, path):
    client.get(path)  # warm per-process caches (site root paths, locales, renditions)
    with django_assert_max_num_queries(45):
        assert client.get(path).status_code == 200
