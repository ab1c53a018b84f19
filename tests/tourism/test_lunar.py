"""The Vietnamese lunar calendar (UTC+7) against published solar dates."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from tourism import lunar

FESTIVALS_JSON = Path(__file__).resolve().parents[3] / "shared" / "data" / "tourism" / "festivals.json"


def _festivals_data():
    if not FESTIVALS_JSON.exists():
        pytest.skip(f"{FESTIVALS_JSON} is absent; the published-date cross-check was not run")
    return json.loads(FESTIVALS_JSON.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("year", "expected"), [(2026, date(2026, 2, 17)), (2027, date(2027, 2, 6))])
def test_tet_falls_on_its_published_date(year, expected):
    assert lunar.tet(year) == expected


@pytest.mark.parametrize(
    ("year", "vietnam"),
    # Years where China's calendar (UTC+8) puts Tết on another day than Vietnam's (UTC+7).
    [(1985, date(1985, 1, 21)), (2007, date(2007, 2, 17)), (2030, date(2030, 2, 2))],
)
def test_tet_is_computed_for_utc_plus_7_not_china(year, vietnam):
    assert lunar.tet(year) == vietnam


def test_tet_matches_every_known_solar_date_in_the_data_set():
    data = _festivals_data()
    known = data["known_solar_dates"]["tet"]
    assert len(known) >= 7
    for row in known:
        assert lunar.tet(row["lunar_year"]).isoformat() == row["solar_date"], row["lunar_year"]


def test_leap_months_match_the_data_set():
    data = _festivals_data()
    for row in data["known_solar_dates"]["leap_months"]:
        assert lunar.leap_month(row["lunar_year"]) == row["leap_month"]
    assert lunar.leap_month(2026) is None and lunar.leap_month(2027) is None


def test_every_computed_festival_date_in_the_data_set_is_reproduced():
    data = _festivals_data()
    checked = 0
    for festival in data["festivals"]:
        if festival["calendar"] != "lunar":
            continue
        start, end = festival["start"], festival["end"]
        for year, dates in festival["computed_solar_dates"].items():
            assert lunar.lunar_to_solar(int(year), start["month"], start["day"]).isoformat() == dates["start"]
            assert lunar.lunar_to_solar(int(year), end["month"], end["day"]).isoformat() == dates["end"]
            checked += 1
    assert checked >= 60


def test_a_year_has_twelve_or_thirteen_months_that_tile_the_calendar():
    for year in range(2020, 2032):
        months = lunar.lunar_year_months(year)
        assert len(months) == (13 if lunar.leap_month(year) else 12)
        assert [m.number for m in months if not m.leap] == list(range(1, 13))
        for this, following in zip(months, months[1:], strict=False):
            assert following.start == this.start + timedelta(days=this.length)
            assert this.length in (29, 30)
        assert months[-1].end + timedelta(days=1) == lunar.tet(year + 1)


def test_solar_to_lunar_round_trips_every_day_of_three_years():
    day = date(2025, 1, 1)
    while day < date(2028, 1, 1):
        found = lunar.solar_to_lunar(day)
        assert lunar.lunar_to_solar(found.year, found.month, found.day, found.leap) == day
        day += timedelta(days=1)


def test_the_leap_sixth_month_of_2025_follows_the_regular_one():
    regular = lunar.lunar_to_solar(2025, 6, 1)
    leap = lunar.lunar_to_solar(2025, 6, 1, leap=True)
    assert leap > regular and (leap - regular).days in (29, 30)


def test_a_leap_month_that_is_not_leap_that_year_is_refused():
    with pytest.raises(ValidationError) as error:
        lunar.lunar_to_solar(2026, 6, 1, leap=True)
    assert error.value.code == "lunar_leap_missing"


def test_day_30_of_a_29_day_month_is_refused():
    short = next(m for m in lunar.lunar_year_months(2026) if m.length == 29)
    with pytest.raises(ValidationError) as error:
        lunar.lunar_to_solar(2026, short.number, 30, leap=short.leap)
    assert error.value.code == "lunar_day_missing"
    assert lunar.lunar_to_solar(2026, short.number, 29, leap=short.leap) == short.end


@pytest.mark.parametrize(("month", "day"), [(0, 1), (13, 1), (1, 0), (1, 31)])
def test_out_of_range_lunar_dates_are_refused(month, day):
    with pytest.raises(ValidationError):
        lunar.lunar_to_solar(2026, month, day)


def test_a_yearly_day_30_falls_on_the_last_day_of_a_short_month():
    short = next(m for m in lunar.lunar_year_months(2026) if m.length == 29 and not m.leap)
    assert lunar.recurring_lunar_to_solar(2026, short.number, 30) == short.end


def test_two_centuries_of_months_tile_and_leap_months_follow_the_metonic_rate():
    leap_years = 0
    for year in range(1901, 2100):
        months = lunar.lunar_year_months(year)
        assert months[0].start == lunar.tet(year) and months[-1].end + timedelta(days=1) == lunar.tet(year + 1)
        assert all(m.length in (29, 30) for m in months)
        leap_years += lunar.leap_month(year) is not None
    # 7 leap months every 19 years: about 73 in 199 years.
    assert 70 <= leap_years <= 76


def test_month_11_holds_the_winter_solstice():
    import ephem

    for year in range(2000, 2040):
        solstice = (ephem.next_solstice(ephem.Date(f"{year}/12/1")).datetime() + lunar.VIETNAM_UTC_OFFSET).date()
        month_11 = lunar.month_11_start(year)
        following = lunar.month_11_start(year + 1)
        assert month_11 <= solstice
        # The next month starts after the solstice: month 11 contains it.
        month = next(m for m in lunar._months_from_11(year) if m.start == month_11)
        assert solstice <= month.end
        assert following > solstice
