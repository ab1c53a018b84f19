"""Itineraries: stops in order, in the page's language, with distances from coordinates."""

import pytest

from portal.places import distance_km
from tourism.models import ItineraryPage


@pytest.fixture
def heritage(tourism):
    return ItineraryPage.objects.get(locale=tourism["en"], slug="thanh-hoa-heritage-in-2-days")


def test_stops_are_in_order_and_in_the_pages_language(heritage, tourism):
    rows = heritage.stop_rows()
    assert [row.day for row in rows] == sorted(row.day for row in rows)
    assert rows[0].page.title == "Citadel of the Hồ Dynasty"
    assert all(row.page.locale_id == tourism["en"].pk for row in rows)


def test_distances_are_haversine_between_consecutive_stops(heritage):
    rows = heritage.stop_rows()
    assert rows[0].distance_km is None
    for previous, row in zip(rows, rows[1:], strict=False):
        expected = distance_km(previous.page.latitude, previous.page.longitude, row.page.latitude, row.page.longitude)
        assert row.distance_km == pytest.approx(expected, abs=0.05)
    # Hồ Citadel → Trịnh lords' shrine are both in Vĩnh Lộc: a few km, not tens.
    assert 0 < rows[1].distance_km < 10


def test_day_and_trip_totals_add_up(heritage):
    days = heritage.itinerary_days()
    assert [day.number for day in days] == [1, 2]
    total = sum(row.distance_km or 0 for row in heritage.stop_rows())
    assert heritage.total_distance_km() == pytest.approx(total, abs=0.05)
    assert sum(day.distance_km for day in days) == pytest.approx(total, abs=0.1)
    # Vĩnh Lộc → Thọ Xuân → Thanh Hóa city and around: a real day's drive.
    assert 40 < days[0].distance_km < 150


def test_stop_rows_use_a_fixed_number_of_queries(heritage, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        rows = heritage.stop_rows()
    assert len(rows) == 10


def test_itinerary_page_shows_distances(client, heritage):
    html = client.get(heritage.url).content.decode()
    assert "km from the previous stop" in html
    assert "Day 2" in html
