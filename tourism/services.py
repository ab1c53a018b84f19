"""Tourism operations that span pages: the festival calendar and the tourism index lookup."""

from datetime import date

from django.utils import timezone
from wagtail.models import Locale

from .models.events import EventPage, Occurrence, upcoming_events  # noqa: F401 — re-exported


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    return date(day.year + month_index // 12, month_index % 12 + 1, 1)


def events_calendar(events, *, today: date | None = None, months: int = 12) -> list[tuple[date, list]]:
    """Festivals under way or starting within `months` months, grouped by the month they start in.

    Returns [(first day of month, [(event, occurrence), …]), …] for months that have events.
    """
    today = today or timezone.localdate()
    until = _add_months(today, months)
    grouped: dict[date, list[tuple[EventPage, Occurrence]]] = {}
    for event, occurrence in upcoming_events(events.select_related("area", "image"), today, until):
        month = max(occurrence.start, today).replace(day=1)
        grouped.setdefault(month, []).append((event, occurrence))
    return sorted(grouped.items())


def tourism_index_for(locale: Locale):
    from .models import TourismIndexPage

    # By primary key: Wagtail orders pages by path, and `.first()` in path order walks the
    # page tree (every product before it) until it meets the index page.
    return TourismIndexPage.objects.live().public().filter(locale=locale).order_by("pk").first()
