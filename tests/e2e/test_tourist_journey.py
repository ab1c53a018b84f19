"""A tourist's journey on a phone (390 px), in English, in Chromium: scan a jar's QR code (the
Digital Link of a demo lot), follow "where it was made" to its area, add a nearby attraction and
the next festival to the trip (kept in the browser, no account), download the trip as iCalendar
and GPX (both parsed with `icalendar` and `gpxpy`), and open a hotel's listing."""

import gpxpy
import pytest
from icalendar import Calendar

from .conftest import ARTIFACTS, _get_json, axe_violations, demo_batch_link

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
# H5's demo hotel, kept by its own business account; the editors' demo hotel page otherwise.
HOTEL_SLUGS = ("ks-song-bac-sam-son", "flc-grand-hotel-sam-son")


@pytest.fixture
def tourist(browser):
    context = browser.new_context(viewport=PHONE, locale="en-GB", is_mobile=True, has_touch=True, accept_downloads=True)
    page = context.new_page()
    page.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
    yield page
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"tourist-{name}.png"), full_page=True)


def _download(page, link_name: str, tmp_path) -> str:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_text(encoding="utf-8")


def _hotel_path(site_url: str) -> tuple[str, str]:
    """The English path of the first demo hotel found (the API lists pages in every language)."""
    for slug in HOTEL_SLUGS:
        items = _get_json(f"{site_url}/api/v2/pages/?slug={slug}")["items"]
        if items:
            translations = _get_json(f"{site_url}/api/v2/pages/?translation_of={items[0]['id']}&locale=en")["items"]
            html_url = (translations or items)[0]["meta"]["html_url"]
            return slug, "/" + html_url.split("/", 3)[3]
    pytest.fail("no demo hotel listing")


def test_from_a_scan_to_a_trip_on_a_phone(tourist, site_url, tmp_path):
    page = tourist
    # 1. The scan: the trace page of a demo lot, in English.
    page.goto(demo_batch_link(site_url) + "?lang=en")
    made_here = page.get_by_role("region", name="Where it was made", exact=True)
    made_here.scroll_into_view_if_needed()
    _shot(page, "1-trace")
    nearby_attractions = [a.inner_text() for a in made_here.locator("h3:has-text('Attractions near it') + ul a").all()]

    # 2. Where it was made → the area's sights, stays and food.
    made_here.locator("[data-made-here-area]").click()
    page.wait_for_load_state("load")
    assert "area=" in page.url
    _shot(page, "2-area")
    cards = page.locator("#attractions-heading ~ ul.grid h3 a")
    if cards.count():
        cards.first.click()
    else:  # an area with no sight of its own: one of those near where it was made
        page.go_back()
        page.get_by_role("link", name=nearby_attractions[0], exact=True).first.click()
    page.wait_for_load_state("load")
    attraction = page.locator("h1").inner_text()

    # 3. Add the attraction, then the next festival, to the trip (no account: kept in the browser).
    page.get_by_role("link", name="Add to my trip").click()
    assert page.get_by_role("link", name="In your trip ✓ — see the trip").is_visible()
    _shot(page, "3-attraction")
    page.goto(f"{site_url}/en/festivals/")
    page.locator(".calendar-month .timeline a").first.click()  # the festival that comes next
    page.wait_for_load_state("load")
    festival = page.locator("h1").inner_text()
    page.get_by_role("link", name="Add to my trip").click()
    _shot(page, "4-festival")

    # 4. My trip: both stops, distances, the files.
    page.goto(f"{site_url}/en/trip/")
    page.wait_for_url("**/en/trip/?stops=*")
    assert page.get_by_role("link", name=attraction, exact=True).is_visible()
    assert page.get_by_role("link", name=festival, exact=True).is_visible()
    _shot(page, "5-trip")
    assert not axe_violations(page)
    calendar = Calendar.from_ical(_download(page, "Add to calendar (.ics)", tmp_path))
    summaries = {str(event["summary"]) for event in calendar.walk("VEVENT")}
    assert {attraction, festival} <= summaries
    gpx = gpxpy.parse(_download(page, "Download for GPS (.gpx)", tmp_path))
    assert attraction in [waypoint.name for waypoint in gpx.waypoints]

    # 5. A hotel's listing.
    slug, path = _hotel_path(site_url)
    page.goto(site_url + path)
    assert page.locator("h1").is_visible()
    assert page.get_by_role("link", name="Add to my trip").is_visible()
    _shot(page, f"6-hotel-{slug}")
    fits = page.evaluate("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    assert fits, "the hotel page scrolls sideways on a phone"
