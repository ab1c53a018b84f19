"""My trip: stops added, ordered by day, with distances; in the account or in the address (the
browser's copy); exported as iCalendar and GPX (read back with `icalendar` and `gpxpy`)."""

from datetime import date

import gpxpy
import pytest
from icalendar import Calendar

from portal.places import distance_km
from tourism import trips
from tourism.models import AttractionPage, EventPage, PlacePage, Trip


@pytest.fixture
def stops(tourism):
    en = tourism["en"]
    return {
        "citadel": AttractionPage.objects.get(locale=en, slug="citadel-of-the-ho-dynasty"),
        "beach": AttractionPage.objects.get(locale=en, slug="sam-son-beach"),
        "hotel": PlacePage.objects.get(locale=en, slug="flc-grand-hotel-sam-son"),
        "tet": EventPage.objects.get(locale=en, slug="lunar-new-year-tet"),
    }


@pytest.fixture
def visitor(django_user_model):
    return django_user_model.objects.create_user(username="traveller", password="pw-traveller-1")


def test_parse_stops_keeps_order_and_drops_junk_and_repeats():
    assert trips.parse_stops("12-1,34,x-2,12-3,56-99, 7-2") == [(12, 1), (34, 1), (56, 30), (7, 2)]
    assert trips.format_stops([(12, 1), (34, 2)]) == "12-1,34-2"


def test_reorder_moves_by_day_then_order_and_removes():
    pairs = [(1, 1), (2, 1), (3, 1)]
    data = {"day-1": "2", "order-3": "1", "order-2": "2", "remove-9": "1"}
    assert trips.reorder(pairs, data) == [(3, 1), (2, 1), (1, 2)]
    assert trips.reorder(pairs, {"remove-2": "1"}) == [(1, 1), (3, 1)]


def test_rows_are_in_the_visitors_language_with_distances(stops, tourism):
    citadel_vi = stops["citadel"].get_translation(tourism["vi"])
    rows = trips.trip_rows([(citadel_vi.pk, 1), (stops["beach"].pk, 1), (stops["tet"].pk, 2)], tourism["en"])
    assert [row.page.title for row in rows] == [stops["citadel"].title, stops["beach"].title, stops["tet"].title]
    assert rows[0].distance_km is None
    expected = distance_km(
        *(stops["citadel"].latitude, stops["citadel"].longitude), stops["beach"].latitude, stops["beach"].longitude
    )
    assert rows[1].distance_km == pytest.approx(expected, abs=0.05)
    assert rows[2].occurrence is not None and rows[2].kind == "event"
    days = trips.trip_days(rows)
    assert [day.number for day in days] == [1, 2]
    assert days[0].distance_km == rows[1].distance_km


def test_rows_take_a_fixed_number_of_queries(stops, tourism, django_assert_max_num_queries):
    pairs = [(page.pk, 1) for page in stops.values()]
    with django_assert_max_num_queries(5):
        rows = trips.trip_rows(pairs, tourism["en"])
    assert len(rows) == 4


def test_a_visitor_without_account_keeps_the_trip_in_the_address(client, stops):
    response = client.get(f"/en/trip/?add={stops['citadel'].pk}")
    assert response.status_code == 302
    assert response["Location"] == f"/en/trip/?stops={stops['citadel'].pk}-1"
    pairs = f"{stops['citadel'].pk}-1,{stops['beach'].pk}-1"
    html = client.get(f"/en/trip/?stops={pairs}").content.decode()
    assert stops["citadel"].title in html and stops["beach"].title in html
    assert "km from the previous stop" in html
    assert f"/en/trip.ics?stops={pairs.replace(',', '%2C')}" in html
    # The no-JavaScript form: day and order fields, submitted to the same address.
    query = f"stops={pairs}&reorder=1&day-{stops['citadel'].pk}=2"
    response = client.get(f"/en/trip/?{query}")
    assert response["Location"] == f"/en/trip/?stops={stops['beach'].pk}-1%2C{stops['citadel'].pk}-2"


def test_a_signed_in_visitor_adds_orders_and_keeps_the_trip(client, visitor, stops):
    client.force_login(visitor)
    html = client.get(f"/en/trip/?add={stops['beach'].pk}").content.decode()
    assert "Add “Sam Son Beach” to your trip?" in html or stops["beach"].title in html
    for page in (stops["beach"], stops["citadel"], stops["hotel"]):
        assert client.post("/en/trip/", {"action": "add", "page": page.pk}).status_code == 302
    trip = Trip.objects.get(user=visitor)
    assert trips.account_pairs(trip) == [(stops["beach"].pk, 1), (stops["citadel"].pk, 1), (stops["hotel"].pk, 1)]
    form = {
        "action": "save",
        "start": "2027-02-05",
        f"day-{stops['citadel'].pk}": "2",
        f"order-{stops['hotel'].pk}": "1",
        f"remove-{stops['beach'].pk}": "1",
    }
    assert client.post("/en/trip/", form).status_code == 302
    trip.refresh_from_db()
    assert trips.account_pairs(trip) == [(stops["hotel"].pk, 1), (stops["citadel"].pk, 2)]
    assert trip.start_date == date(2027, 2, 5)
    html = client.get("/en/trip/").content.decode()
    assert html.index(stops["hotel"].title) < html.index(stops["citadel"].title)
    assert "Day 2" in html


def test_the_browsers_trip_moves_into_the_account(client, visitor, stops):
    client.force_login(visitor)
    client.post("/en/trip/", {"action": "add", "page": stops["hotel"].pk})
    browser = f"{stops['citadel'].pk}-1,{stops['hotel'].pk}-1,{stops['tet'].pk}-2,999999-1"
    client.post("/en/trip/", {"action": "merge", "stops": browser})
    trip = Trip.objects.get(user=visitor)
    assert trips.account_pairs(trip) == [(stops["hotel"].pk, 1), (stops["citadel"].pk, 1), (stops["tet"].pk, 2)]


def test_pages_that_are_not_stops_cannot_be_added(client, visitor, tourism):
    client.force_login(visitor)
    client.post("/en/trip/", {"action": "add", "page": tourism["index_en"].pk})
    assert not Trip.objects.get(user=visitor).stops.exists()


def test_trip_ics_dates_stops_by_day_and_festivals_by_their_own_date(client, stops):
    pairs = f"{stops['citadel'].pk}-1,{stops['beach'].pk}-2,{stops['tet'].pk}-2"
    response = client.get(f"/en/trip.ics?stops={pairs}&start=2027-02-05")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    by_name = {str(e["summary"]): e for e in events}
    assert by_name[stops["citadel"].title].decoded("dtstart") == date(2027, 2, 5)
    assert by_name[stops["beach"].title].decoded("dtstart") == date(2027, 2, 6)
    assert by_name[stops["tet"].title].decoded("dtstart") == stops["tet"].next_occurrence.start
    assert by_name[stops["citadel"].title].decoded("geo") is not None


def test_trip_gpx_of_the_account(client, visitor, stops):
    client.force_login(visitor)
    for page in (stops["citadel"], stops["beach"]):
        client.post("/en/trip/", {"action": "add", "page": page.pk})
    gpx = gpxpy.parse(client.get("/en/trip.gpx").content.decode())
    assert [w.name for w in gpx.waypoints] == [stops["citadel"].title, stops["beach"].title]
    assert len(gpx.routes[0].points) == 2


def test_listing_pages_carry_a_neutral_add_to_trip_link_and_directions(client, stops):
    html = client.get(stops["citadel"].url).content.decode()
    assert f'href="/en/trip/?add={stops["citadel"].pk}"' in html
    assert f'data-trip-add="{stops["citadel"].pk}"' in html
    assert "csrfmiddlewaretoken" not in html  # cacheable: nothing personal
    assert f"geo:{stops['citadel'].latitude:.5f},{stops['citadel'].longitude:.5f}" in html
    assert "https://www.openstreetmap.org/directions?to=" in html
