"""A festival's `calendar.ics`: its next solar date from the lunar one, then a yearly series of
explicit dates for ten years (a lunar date follows no solar rule), read back with `icalendar`."""

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from tourism.exports import event_calendar
from tourism.models import EventPage


@pytest.fixture
def tet(tourism):
    return EventPage.objects.get(locale=tourism["en"], slug="lunar-new-year-tet")


def only_event(content: bytes):
    events = Calendar.from_ical(content).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def rdates(vevent) -> list[date]:
    values = vevent.get("rdate")
    values = values if isinstance(values, list) else [values]
    return [item.dt for value in values for item in value.dts]


def test_next_tet_and_the_ten_years_after_are_the_vietnamese_dates(tet):
    vevent = only_event(event_calendar(tet, "https://example.test/tet/", "example.test", today=date(2026, 3, 1)))
    assert vevent.decoded("dtstart") == date(2027, 2, 6)  # Tết 2027
    assert vevent.decoded("dtend") == date(2027, 2, 9)  # three days, DTEND exclusive
    series = rdates(vevent)
    assert len(series) == 9  # with DTSTART: ten years
    assert date(2028, 1, 26) in series
    assert date(2030, 2, 2) in series  # Vietnam's Tết, a day before China's (UTC+7, not +8)
    assert series == sorted(series) and all(later.year > 2027 for later in series)
    assert "RRULE" not in vevent


def test_a_festival_under_way_starts_its_series_today(tet):
    vevent = only_event(event_calendar(tet, "https://example.test/tet/", "example.test", today=date(2026, 2, 18)))
    assert vevent.decoded("dtstart") == date(2026, 2, 17)


def test_calendar_ics_is_served_below_the_event_page(client, tet):
    response = client.get(tet.url + "calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    vevent = only_event(response.content)
    assert str(vevent["summary"]) == tet.title
    assert str(vevent["url"]).endswith(tet.url)
    start = vevent.decoded("dtstart")
    assert start == tet.next_occurrence.start
    assert date.today() - timedelta(days=3) <= start
    assert vevent.decoded("geo") is not None


def test_the_vietnamese_page_has_its_calendar_too(client, tourism):
    page = EventPage.objects.get(locale=tourism["vi"], slug="le-hoi-lam-kinh")
    content = client.get(page.url + "calendar.ics").content
    assert str(only_event(content)["summary"]) == "Lễ hội Lam Kinh"


def test_calendar_of_a_page_that_is_not_an_event_is_404(client, tourism):
    assert client.get(tourism["index_en"].url + "calendar.ics").status_code == 404
    assert client.get("/en/travel/no-such-festival/calendar.ics").status_code == 404


def test_event_page_links_its_calendar(client, tet):
    html = client.get(tet.url).content.decode()
    assert 'href="calendar.ics"' in html
