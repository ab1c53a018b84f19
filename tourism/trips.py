"""My trip: which stops, in which order and on which day, with distances between them.

A trip is a list of (page id, day) pairs in order. A signed-in visitor's is kept in
`Trip`/`TripStop`; a visitor without an account keeps it in the browser and sends it in the
query string (`?stops=12-1,34-1,56-2`: page id, dash, day), which is also how a trip page
without JavaScript remembers it. Either way the pages are shown in the visitor's language.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page

from portal.places import distance_km

from .models import MAX_TRIP_DAYS, MAX_TRIP_STOPS, AttractionPage, EventPage, PlacePage, Trip, TripStop
from .models.events import Occurrence

TRIP_PAGE_MODELS = (AttractionPage, PlacePage, EventPage)

StopPair = tuple[int, int]  # (page id, day)


@dataclass
class TripRow:
    page: object  # in the visitor's language when translated
    source_id: int  # the page id the trip holds (its key in forms and query strings)
    day: int
    distance_km: float | None  # from the stop before it, when both have coordinates
    occurrence: Occurrence | None = None  # festivals: their next dates

    @property
    def kind(self) -> str:
        return "event" if isinstance(self.page, EventPage) else self.page.kind


@dataclass
class TripDay:
    number: int
    rows: list[TripRow] = field(default_factory=list)

    @property
    def distance_km(self) -> float:
        return round(sum(row.distance_km or 0 for row in self.rows[1:]), 1)


# --- The query-string form -----------------------------------------------------------------


def parse_stops(text: str) -> list[StopPair]:
    """`12-1,34-1,56-2` → [(12, 1), (34, 1), (56, 2)]; malformed parts and repeats are dropped."""
    pairs, seen = [], set()
    for part in (text or "").split(","):
        page_id, _, day = part.strip().partition("-")
        if not page_id.isdigit():
            continue
        day_number = int(day) if day.isdigit() else 1
        if int(page_id) in seen:
            continue
        seen.add(int(page_id))
        pairs.append((int(page_id), min(max(day_number, 1), MAX_TRIP_DAYS)))
        if len(pairs) >= MAX_TRIP_STOPS:
            break
    return pairs


def format_stops(pairs: list[StopPair]) -> str:
    return ",".join(f"{page_id}-{day}" for page_id, day in pairs)


def reorder(pairs: list[StopPair], data) -> list[StopPair]:
    """Apply the trip form: `day-<id>`, `order-<id>` and `remove-<id>` for each stop (a stop
    without an order keeps its place). Days first, then the order within the day."""
    rows = []
    for index, (page_id, day) in enumerate(pairs):
        if data.get(f"remove-{page_id}"):
            continue
        new_day = _number(data.get(f"day-{page_id}"), day)
        order = _number(data.get(f"order-{page_id}"), index + 1)
        rows.append((min(max(new_day, 1), MAX_TRIP_DAYS), order, index, page_id))
    rows.sort()
    return [(page_id, day) for day, _order, _index, page_id in rows]


def _number(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def with_stop(pairs: list[StopPair], page_id: int) -> list[StopPair]:
    """Add a stop at the end of the last day (no change when it is already there)."""
    if any(existing == page_id for existing, _day in pairs) or len(pairs) >= MAX_TRIP_STOPS:
        return pairs
    last_day = pairs[-1][1] if pairs else 1
    return [*pairs, (page_id, last_day)]


# --- The account's trip --------------------------------------------------------------------


def trip_of(user) -> Trip:
    trip, _created = Trip.objects.get_or_create(user=user)
    return trip


def account_pairs(trip: Trip) -> list[StopPair]:
    return list(trip.stops.order_by("day", "position", "pk").values_list("page_id", "day"))


@transaction.atomic
def save_pairs(trip: Trip, pairs: list[StopPair]) -> None:
    """Make the account's stops exactly `pairs` (only pages a trip may hold)."""
    pairs = [(page_id, day) for page_id, day in pairs if page_id in _trip_page_ids([p for p, _ in pairs])]
    trip = Trip.objects.select_for_update().get(pk=trip.pk)
    trip.stops.exclude(page_id__in=[page_id for page_id, _day in pairs]).delete()
    existing = {stop.page_id: stop for stop in trip.stops.all()}
    for position, (page_id, day) in enumerate(pairs):
        stop = existing.get(page_id) or TripStop(trip=trip, page_id=page_id)
        stop.day, stop.position = day, position
        stop.save()
    trip.save(update_fields=["updated_at"])


def add_to_account(trip: Trip, page_id: int) -> bool:
    """Add one stop at the end of the trip's last day; False when the page cannot be a stop."""
    if page_id not in _trip_page_ids([page_id]):
        return False
    with transaction.atomic():
        trip = Trip.objects.select_for_update().get(pk=trip.pk)
        if trip.stops.filter(page_id=page_id).exists() or trip.stops.count() >= MAX_TRIP_STOPS:
            return True
        last = trip.stops.aggregate(day=Max("day"), position=Max("position"))
        TripStop.objects.create(trip=trip, page_id=page_id, day=last["day"] or 1, position=(last["position"] or 0) + 1)
    return True


def merge_into_account(trip: Trip, pairs: list[StopPair]) -> None:
    """The stops kept in the browser, added after the account's own (moved on sign-in)."""
    merged = account_pairs(trip)
    for page_id, day in pairs:
        if all(existing != page_id for existing, _ in merged):
            merged.append((page_id, day))
    save_pairs(trip, merged[:MAX_TRIP_STOPS])


def _trip_page_ids(page_ids: list[int]) -> set[int]:
    ids = set()
    for model in TRIP_PAGE_MODELS:
        ids |= set(model.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True))
    return ids


# --- Showing a trip ------------------------------------------------------------------------


def trip_rows(pairs: list[StopPair], locale, today: date | None = None) -> list[TripRow]:
    """The stops as pages in `locale` (their own when untranslated), in order, with the
    distance from the stop before. Five queries whatever the number of stops (the ids' keys,
    the view restrictions, one per kind of page); stops that are no longer live are left out."""
    today = today or timezone.localdate()
    keys = dict(Page.objects.filter(pk__in=[page_id for page_id, _ in pairs]).values_list("pk", "translation_key"))
    shown: dict = {}
    private = AttractionPage.objects.private_q()  # the view restrictions read once, not once per kind
    for model in TRIP_PAGE_MODELS:
        pages = model.objects.live().exclude(private).filter(translation_key__in=keys.values())
        for page in pages.select_related("area", "image", "locale"):
            if page.locale_id == locale.pk or page.translation_key not in shown:
                shown[page.translation_key] = page
    rows: list[TripRow] = []
    previous = None
    for page_id, day in pairs:
        page = shown.get(keys.get(page_id))
        if page is None:
            continue
        distance = None
        if previous is not None and _has_point(previous) and _has_point(page):
            distance = round(distance_km(previous.latitude, previous.longitude, page.latitude, page.longitude), 1)
        occurrence = page.occurrence_after(today) if isinstance(page, EventPage) else None
        rows.append(TripRow(page, page_id, day, distance, occurrence))
        previous = page
    return rows


def trip_days(rows: list[TripRow]) -> list[TripDay]:
    days: dict[int, TripDay] = {}
    for row in rows:
        days.setdefault(row.day, TripDay(row.day)).rows.append(row)
    return [days[number] for number in sorted(days)]


def _has_point(page) -> bool:
    return getattr(page, "latitude", None) is not None and getattr(page, "longitude", None) is not None
