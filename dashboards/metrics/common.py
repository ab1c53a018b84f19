"""What both dashboards share: table specs, time buckets, area names and the cache."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.functions import TruncDate, TruncMonth, TruncWeek
from django.utils import translation
from wagtail.models import Locale

from ..periods import Period, local_zone

CACHE_PREFIX = "dashboards:v1"


@dataclass(frozen=True)
class Column:
    field: str
    heading: Any  # a lazy translation
    kind: str = "text"  # text, number, money, percent


@dataclass(frozen=True)
class TableSpec:
    """One table of a dashboard: shown with an optional chart, and exported as CSV and XLSX."""

    key: str  # in the export URL
    title: Any
    columns: tuple[Column, ...]
    chart: str = ""  # "bar", "line" or "" for no chart
    chart_field: str = ""  # the numeric column the chart draws; the first column labels it
    description: Any = ""

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]


@dataclass
class Figures:
    """A dashboard's numbers: headline figures and the rows of each table (plain values, picklable)."""

    summary: dict = field(default_factory=dict)
    rows: dict[str, list[dict]] = field(default_factory=dict)


def cache_seconds() -> int:
    return getattr(settings, "DASHBOARDS_CACHE_SECONDS", 300)


def cached(key: str, compute: Callable[[], Figures]) -> Figures:
    """Aggregates are read from the cache for a few minutes; the language is part of the key (area names)."""
    full_key = f"{CACHE_PREFIX}:{key}:{translation.get_language() or 'vi'}"
    figures = cache.get(full_key)
    if figures is None:
        figures = compute()
        cache.set(full_key, figures, cache_seconds())
    return figures


# --- time buckets -------------------------------------------------------------------------


def trunc_day(field_name: str):
    return TruncDate(field_name, tzinfo=local_zone())


def trunc_week(field_name: str):
    return TruncWeek(field_name, tzinfo=local_zone())


def trunc_month(field_name: str):
    return TruncMonth(field_name, tzinfo=local_zone())


def as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def days_of(period: Period) -> list[date]:
    return [period.start + timedelta(days=i) for i in range(period.days)]


def weeks_of(period: Period) -> list[date]:
    """Mondays of the weeks that touch the period."""
    monday = period.start - timedelta(days=period.start.weekday())
    weeks = []
    while monday <= period.end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def months_of(period: Period) -> list[date]:
    months, current = [], period.start.replace(day=1)
    while current <= period.end:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def month_label(value: date) -> str:
    return value.strftime("%Y-%m")


# --- places and pages ---------------------------------------------------------------------


def area_names() -> dict[str, str]:
    """Area slug → name in the active language (slugs are shared by the translations)."""
    from portal.models import Area

    locale = Locale.get_active()
    names = dict(Area.objects.filter(locale=Locale.get_default()).values_list("slug", "name"))
    names.update(Area.objects.filter(locale=locale).values_list("slug", "name"))
    return names


def share(numerator: int, denominator: int) -> float:
    """A percentage with one decimal; 0 when there is nothing to divide by."""
    return round(100 * numerator / denominator, 1) if denominator else 0.0
