"""The Vietnamese lunar calendar, computed from astronomy at UTC+7.

Rules (the published ones, applied to ephemerides from `ephem`):

- a month begins on the local day (UTC+7) of a new moon;
- month 11 is the month that holds the winter solstice;
- when 13 new moons fall between two months 11, the first month after month 11 that
  holds no major solar term (a multiple of 30° of solar longitude) is a leap month and
  repeats the number of the month before it.

Vietnam uses UTC+7, China UTC+8, so Chinese-calendar libraries are a day off in some
years (Tết 2030 is 2 February in Vietnam). Solar terms are judged at the local midnight
that begins each month, as the Vietnamese almanac does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import ephem
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VIETNAM_UTC_OFFSET = timedelta(hours=7)


@dataclass(frozen=True)
class LunarMonth:
    number: int  # 1–12
    leap: bool
    start: date  # first solar day
    length: int  # 29 or 30 days

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.length - 1)


@dataclass(frozen=True)
class LunarDate:
    year: int
    month: int
    day: int
    leap: bool = False


def _local_date(moment: ephem.Date) -> date:
    return (moment.datetime() + VIETNAM_UTC_OFFSET).date()


def _local_midnight(day: date) -> ephem.Date:
    return ephem.Date(datetime(day.year, day.month, day.day) - VIETNAM_UTC_OFFSET)


def _solar_sector(day: date) -> int:
    """Which 30° sector of apparent solar longitude the Sun is in when `day` begins (UTC+7)."""
    moment = _local_midnight(day)
    sun = ephem.Sun(moment)
    longitude = ephem.Ecliptic(ephem.Equatorial(sun.g_ra, sun.g_dec, epoch=moment), epoch=moment).lon
    return int(math.degrees(longitude) // 30) % 12


def _new_moon_on_or_before(day: date) -> date:
    """The local start date of the lunar month that contains `day`."""
    moment = ephem.previous_new_moon(_local_midnight(day + timedelta(days=1)))
    return _local_date(moment)


def _next_month_start(month_start: date) -> date:
    return _local_date(ephem.next_new_moon(_local_midnight(month_start + timedelta(days=1))))


@lru_cache(maxsize=256)
def month_11_start(solar_year: int) -> date:
    """First day of the lunar month that holds the winter solstice of `solar_year`."""
    solstice = ephem.next_solstice(ephem.Date(f"{solar_year}/12/1"))
    # A new moon that begins on the solstice's own local day still holds it: month 11
    # starts on the last new-moon day whose local midnight comes before the solstice.
    start = _new_moon_on_or_before(_local_date(solstice))
    if _local_midnight(start) > solstice:  # pragma: no cover — the new moon day is the solstice day
        start = _new_moon_on_or_before(start - timedelta(days=1))
    return start


@lru_cache(maxsize=256)
def _months_from_11(solar_year: int) -> tuple[LunarMonth, ...]:
    """The months from month 11 of `solar_year` up to (not including) the next month 11."""
    first, last = month_11_start(solar_year), month_11_start(solar_year + 1)
    starts = [first]
    while starts[-1] < last:
        starts.append(_next_month_start(starts[-1]))
    # starts[-1] == last; there are len(starts) - 1 months in between (12 or 13).
    count = len(starts) - 1
    leap_offset = None
    if count == 13:
        for offset in range(1, 13):
            if _solar_sector(starts[offset]) == _solar_sector(starts[offset + 1]):
                leap_offset = offset
                break
    months = []
    number = 10  # offset 0 becomes 11
    for offset in range(count):
        leap = offset == leap_offset
        if not leap:
            number = number % 12 + 1
        months.append(LunarMonth(number, leap, starts[offset], (starts[offset + 1] - starts[offset]).days))
    return tuple(months)


@lru_cache(maxsize=256)
def lunar_year_months(lunar_year: int) -> tuple[LunarMonth, ...]:
    """Months 1 to 12 (and a leap month, if any) of a lunar year, in order.

    Lunar year Y begins with month 1 (Tết), which falls in solar year Y.
    """
    head = list(_months_from_11(lunar_year - 1))
    first = next(i for i, m in enumerate(head) if m.number == 1 and not m.leap)
    # Months 11 and 12 (and a leap 11 or 12) that follow this year's month 11 belong to it.
    tail = []
    for month in _months_from_11(lunar_year):
        if month.number == 1:
            break
        tail.append(month)
    return tuple(head[first:] + tail)


def leap_month(lunar_year: int) -> int | None:
    """The number of the leap month in `lunar_year`, or None."""
    for month in lunar_year_months(lunar_year):
        if month.leap:
            return month.number
    return None


def lunar_to_solar(lunar_year: int, month: int, day: int, leap: bool = False) -> date:
    """The solar date of a lunar date; refuses dates that do not exist that year."""
    if not 1 <= month <= 12:
        raise ValidationError(_("A lunar month is between 1 and 12."), code="lunar_month_range")
    if not 1 <= day <= 30:
        raise ValidationError(_("A lunar day is between 1 and 30."), code="lunar_day_range")
    for candidate in lunar_year_months(lunar_year):
        if candidate.number == month and candidate.leap == leap:
            if day > candidate.length:
                raise ValidationError(
                    _("Lunar month %(month)s of %(year)s has only %(length)s days."),
                    code="lunar_day_missing",
                    params={"month": month, "year": lunar_year, "length": candidate.length},
                )
            return candidate.start + timedelta(days=day - 1)
    raise ValidationError(
        _("Lunar year %(year)s has no leap month %(month)s."),
        code="lunar_leap_missing",
        params={"month": month, "year": lunar_year},
    )


def solar_to_lunar(day: date) -> LunarDate:
    """The lunar date of a solar date."""
    for lunar_year in (day.year, day.year - 1):
        for month in lunar_year_months(lunar_year):
            if month.start <= day <= month.end:
                return LunarDate(lunar_year, month.number, (day - month.start).days + 1, month.leap)
    raise ValueError(f"No lunar date found for {day}")  # pragma: no cover — the months tile the years


def tet(lunar_year: int) -> date:
    """The solar date of Tết Nguyên Đán (day 1 of month 1)."""
    return lunar_to_solar(lunar_year, 1, 1)


def recurring_lunar_to_solar(lunar_year: int, month: int, day: int) -> date:
    """A yearly festival's solar date: day 30 falls on the last day of a 29-day month."""
    for candidate in lunar_year_months(lunar_year):
        if candidate.number == month and not candidate.leap:
            return candidate.start + timedelta(days=min(day, candidate.length) - 1)
    raise ValidationError(_("A lunar month is between 1 and 12."), code="lunar_month_range")
