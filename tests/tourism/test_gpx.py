"""`<itinerary page>/itinerary.gpx`, read back with `gpxpy`."""

import gpxpy
import pytest

from tourism.models import ItineraryPage


@pytest.fixture
def heritage(tourism):
    return ItineraryPage.objects.get(locale=tourism["en"], slug="thanh-hoa-heritage-in-2-days")


def test_itinerary_gpx_has_every_stop_as_waypoint_and_route_in_order(client, heritage):
    response = client.get(heritage.url + "itinerary.gpx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/gpx+xml")
    gpx = gpxpy.parse(response.content.decode())
    rows = heritage.stop_rows()
    assert gpx.name == heritage.title
    assert [w.name for w in gpx.waypoints] == [row.page.title for row in rows]
    assert gpx.waypoints[0].latitude == pytest.approx(rows[0].page.latitude)
    assert gpx.waypoints[0].comment == "Day 1"
    (route,) = gpx.routes
    assert [(p.latitude, p.longitude) for p in route.points] == [(r.page.latitude, r.page.longitude) for r in rows]
    # gpxpy's own length of the route agrees with our distances (both great-circle, ~0.5% apart).
    total = sum(row.distance_km or 0 for row in rows)
    assert route.length() / 1000 == pytest.approx(total, rel=0.01)


def test_itinerary_gpx_of_another_page_is_404(client, tourism):
    assert client.get(tourism["index_en"].url + "itinerary.gpx").status_code == 404


def test_itinerary_page_links_its_gpx_and_directions(client, heritage):
    html = client.get(heritage.url).content.decode()
    assert 'href="itinerary.gpx"' in html
    assert 'href="geo:' in html
    assert "https://www.openstreetmap.org/directions?to=" in html
