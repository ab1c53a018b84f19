"""The open tourism data feed: schema.org JSON-LD, both languages, paged, licensed, dated."""

import json
from email.utils import parsedate_to_datetime

from tourism import open_data
from tourism.models import AttractionPage, EventPage, ItineraryPage, PlacePage

URL = "/api/open-data/tourism/"


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/ld+json")
    return response, json.loads(response.content)


def all_items(client) -> list[dict]:
    items, number = [], 1
    while True:
        _response, document = get(client, page=number)
        items += document["dataFeedElement"]
        if "next" not in document["view"]:
            return items
        number += 1


def test_feed_is_a_licensed_dated_schema_org_data_feed(client, tourism, settings):
    response, document = get(client)
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "DataFeed"
    assert document["license"] == settings.OPEN_DATA_LICENSE_URL == "https://creativecommons.org/licenses/by/4.0/"
    assert document["inLanguage"] == ["vi", "en"]
    last = parsedate_to_datetime(response["Last-Modified"])
    assert document["dateModified"].startswith(last.date().isoformat())
    assert 'rel="license"' in response["Link"]


def test_every_live_listing_is_in_the_feed_once_with_its_schema_type(client, tourism):
    items = all_items(client)
    vi = tourism["vi"]
    expected = sum(model.objects.live().filter(locale=vi).count() for model in open_data.FEED_MODELS)
    assert len(items) == expected
    assert len({item["@id"] for item in items}) == expected
    types = {item["@type"] for item in items}
    assert {"TouristAttraction", "LodgingBusiness", "FoodEstablishment", "Event", "TouristTrip"} <= types


def test_an_item_carries_both_languages_and_its_place(client, tourism):
    citadel_vi = AttractionPage.objects.get(locale=tourism["vi"], slug="thanh-nha-ho")
    citadel_en = citadel_vi.get_translation(tourism["en"])
    item = next(i for i in all_items(client) if i["@id"].endswith(citadel_vi.url))
    assert {"@value": citadel_vi.title, "@language": "vi"} in item["name"]
    assert {"@value": citadel_en.title, "@language": "en"} in item["name"]
    pages = {page["inLanguage"]: page["@id"] for page in item["mainEntityOfPage"]}
    assert pages["en"].endswith(citadel_en.url) and pages["vi"].endswith(citadel_vi.url)
    assert item["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": citadel_vi.latitude,
        "longitude": citadel_vi.longitude,
    }
    assert {entry["@language"] for entry in item["address"]["addressLocality"]} == {"vi", "en"}
    assert item["dateModified"]


def test_events_have_their_next_dates_and_itineraries_their_stops(client, tourism):
    items = {item["@id"]: item for item in all_items(client)}
    tet = EventPage.objects.get(locale=tourism["vi"], slug="tet-nguyen-dan")
    event = next(item for key, item in items.items() if key.endswith(tet.url))
    assert event["startDate"] == tet.next_occurrence.start.isoformat()
    assert event["subjectOf"]["url"].endswith(tet.url + "calendar.ics")
    trip = ItineraryPage.objects.get(locale=tourism["vi"], slug="di-san-xu-thanh-2-ngay")
    tour = next(item for key, item in items.items() if key.endswith(trip.url))
    stops = tour["itinerary"]["itemListElement"]
    assert [stop["position"] for stop in stops] == list(range(1, len(stops) + 1))
    assert all(stop["item"]["@id"] in items for stop in stops)


def test_pages_link_to_each_other_and_the_header_says_so(client, tourism, monkeypatch):
    monkeypatch.setattr(open_data, "PAGE_SIZE", 5)
    response, first = get(client)
    assert len(first["dataFeedElement"]) == 5
    assert first["view"]["next"].endswith("?page=2") and "previous" not in first["view"]
    assert 'rel="next"' in response["Link"]
    _response, second = get(client, page=2)
    assert second["view"]["previous"].endswith("?page=1")
    assert not {i["@id"] for i in first["dataFeedElement"]} & {i["@id"] for i in second["dataFeedElement"]}
    assert client.get(URL, {"page": first["pages"] + 1}).status_code == 404
    assert client.get(URL, {"page": "x"}).status_code == 400


def test_unchanged_feed_answers_not_modified(client, tourism):
    response, _document = get(client)
    again = client.get(URL, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_a_page_of_the_feed_takes_a_bounded_number_of_queries(client, tourism, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        _response, document = get(client)
    assert len(document["dataFeedElement"]) == min(open_data.PAGE_SIZE, document["numberOfItems"])


def test_unpublished_pages_leave_the_feed(client, tourism):
    place = PlacePage.objects.filter(locale=tourism["vi"]).live().first()
    url = place.url
    place.unpublish()  # rolled back with the test's transaction
    assert not any(item["@id"].endswith(url) for item in all_items(client))
