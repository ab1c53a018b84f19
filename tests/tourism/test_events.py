"""Festivals: next solar occurrence of lunar dates, validation, calendar by month."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tourism.models import EventPage, events_calendar

# Building an (unsaved) page looks up its content type: these tests may touch the database.
pytestmark = pytest.mark.django_db


def lunar_event(**fields):
    defaults = {"title": "Test", "calendar": "lunar", "recurs_yearly": True, "lunar_month": 1, "lunar_day": 1}
    return EventPage(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (date(2026, 1, 1), date(2026, 2, 17), date(2026, 2, 19)),
        (date(2026, 2, 18), date(2026, 2, 17), date(2026, 2, 19)),  # still under way
        (date(2026, 2, 20), date(2027, 2, 6), date(2027, 2, 8)),
        (date(2029, 12, 31), date(2030, 2, 2), date(2030, 2, 4)),
    ],
)
def test_next_occurrence_of_tet(today, start, end):
    tet = lunar_event(lunar_end_month=1, lunar_end_day=3)
    occurrence = tet.occurrence_after(today)
    assert (occurrence.start, occurrence.end) == (start, end)


@pytest.mark.parametrize(
    ("year", "start", "end"),
    [(2025, date(2025, 10, 12), date(2025, 10, 14)), (2026, date(2026, 10, 1), date(2026, 10, 3))],
)
def test_next_occurrence_of_the_lam_kinh_festival(year, start, end):
    lam_kinh = lunar_event(lunar_month=8, lunar_day=21, lunar_end_month=8, lunar_end_day=23)
    occurrence = lam_kinh.occurrence_after(date(year, 1, 1))
    assert (occurrence.start, occurrence.end) == (start, end)


def test_a_festival_in_month_6_of_2025_is_in_the_regular_month_not_the_leap_one():
    event = lunar_event(lunar_month=6, lunar_day=1)
    assert event.occurrence_after(date(2025, 6, 1)).start == date(2025, 6, 25)


def test_a_yearly_solar_event_moves_to_next_year():
    event = EventPage(
        title="x", calendar="solar", recurs_yearly=True, start_date=date(2024, 4, 27), end_date=date(2024, 4, 28)
    )
    occurrence = event.occurrence_after(date(2026, 5, 1))
    assert (occurrence.start, occurrence.end) == (date(2027, 4, 27), date(2027, 4, 28))


def test_a_one_off_event_in_the_past_has_no_next_occurrence():
    event = EventPage(title="x", calendar="solar", recurs_yearly=False, start_date=date(2024, 4, 27))
    assert event.occurrence_after(date(2026, 1, 1)) is None


def _clean_errors(event) -> dict:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        event.clean()
    return error.value.message_dict


def test_a_lunar_date_that_does_not_exist_is_refused(db):
    errors = _clean_errors(lunar_event(lunar_year=2026, lunar_month=6, lunar_day=1, lunar_leap=True))
    assert "has no leap month" in " ".join(errors["lunar_day"])


def test_day_30_of_a_short_month_in_a_given_year_is_refused(db):
    from tourism import lunar

    short = next(m for m in lunar.lunar_year_months(2026) if m.length == 29 and not m.leap)
    errors = _clean_errors(lunar_event(lunar_year=2026, lunar_month=short.number, lunar_day=30))
    assert "only 29 days" in " ".join(errors["lunar_day"])


def test_a_yearly_event_in_a_leap_month_is_refused(db):
    errors = _clean_errors(lunar_event(lunar_month=6, lunar_day=1, lunar_leap=True))
    assert "lunar_leap" in errors


def test_a_solar_event_ending_before_it_starts_is_refused(db):
    event = EventPage(title="x", calendar="solar", start_date=date(2026, 5, 2), end_date=date(2026, 5, 1))
    assert "end_date" in _clean_errors(event)


def test_calendar_groups_festivals_by_the_month_they_start(tourism):
    events = EventPage.objects.live().filter(locale=tourism["en"])
    calendar = events_calendar(events, today=date(2026, 1, 1), months=12)
    months = [month for month, _pairs in calendar]
    assert months == sorted(months) and all(m.day == 1 for m in months)
    february = dict(calendar)[date(2026, 2, 1)]
    titles = [event.title for event, _occurrence in february]
    assert "Lunar New Year (Tết)" in titles
    tet_occurrence = next(o for e, o in february if e.title == "Lunar New Year (Tết)")
    assert tet_occurrence.start == date(2026, 2, 17)
    october = dict(calendar)[date(2026, 10, 1)]
    assert [o.start for e, o in october if e.title == "Lam Kinh Festival"] == [date(2026, 10, 1)]


def test_festival_calendar_page_lists_upcoming_festivals_in_both_languages(client, tourism):
    for prefix, title in (("/vi", "Tết Nguyên Đán"), ("/en", "Lunar New Year (Tết)")):
        response = client.get(f"{prefix}/festivals/")
        assert response.status_code == 200
        assert title in response.content.decode()


def test_one_off_events_that_cannot_fall_in_the_window_are_left_out_in_sql(tourism):
    """Past one-off festivals pile up over the years: the upcoming list does not read them."""
    from tourism.models.events import may_occur_between

    index = tourism["index_vi"]
    solar = {"calendar": "solar", "recurs_yearly": False}
    past = EventPage(title="Đã qua", slug="da-qua", start_date=date(2020, 5, 1), end_date=date(2020, 5, 2), **solar)
    under_way = EventPage(
        title="Đang diễn ra", slug="dang-dien-ra", start_date=date(2026, 5, 1), end_date=date(2026, 6, 30), **solar
    )
    past_lunar = lunar_event(title="Âm lịch cũ", slug="am-lich-cu", recurs_yearly=False, lunar_year=2019)
    for page in (past, under_way, past_lunar):
        index.add_child(instance=page)
    window = may_occur_between(EventPage.objects.all(), date(2026, 6, 1), date(2027, 6, 1))
    kept = set(window.values_list("slug", flat=True))
    assert "dang-dien-ra" in kept
    assert not {"da-qua", "am-lich-cu"} & kept
    # Every yearly festival of the demo stays: whether it falls in the window is computed in Python.
    yearly = set(EventPage.objects.filter(recurs_yearly=True, lunar_year__isnull=True).values_list("slug", flat=True))
    assert yearly <= kept
