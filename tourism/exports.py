"""Festivals, itineraries and trips as iCalendar (RFC 5545) and GPX 1.1 files, written with
`icalendar` and `gpxpy` so that any calendar or GPS app reads them."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import gpxpy.gpx
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vGeo

from .models.events import EventPage, Occurrence

CALENDAR_YEARS = 10  # a lunar date has no solar rule: the yearly series is listed date by date
PRODUCT_ID = "-//Xu Thanh//Tourism//EN"


@dataclass
class ExportStop:
    """One stop of an itinerary or a trip, as the exports need it."""

    page: object
    day: int
    url: str
    note: str = ""
    occurrence: Occurrence | None = None  # festivals: their next dates


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _place_fields(vevent: Event, page) -> None:
    where = [getattr(page, "place_name", "") or "", getattr(page, "address", "") or ""]
    area = getattr(page, "area", None) if getattr(page, "area_id", None) else None
    if area is not None:
        where.append(area.name)
    location = ", ".join(part for part in where if part)
    if location:
        vevent.add("location", location)
    if getattr(page, "latitude", None) is not None and getattr(page, "longitude", None) is not None:
        vevent.add("geo", vGeo((page.latitude, page.longitude)))


def _all_day_event(uid: str, summary: str, start: date, end: date, url: str, description: str = "") -> Event:
    vevent = Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", timezone.now())
    vevent.add("summary", summary)
    vevent.add("dtstart", start)
    vevent.add("dtend", end + timedelta(days=1))  # DTEND of an all-day event is exclusive
    if url:
        vevent.add("url", url)
    if description:
        vevent.add("description", description)
    return vevent


def _uid(kind: str, key, host: str) -> str:
    return f"{kind}-{key}@{host}"


def event_calendar(event: EventPage, url: str, host: str, today: date | None = None) -> bytes:
    """The festival's next occurrence, and the ones of the following years as explicit RDATEs
    (each year's solar date computed from the lunar one: no RRULE can say it)."""
    today = today or timezone.localdate()
    calendar = _calendar(event.title)
    occurrences = [o for o in event.occurrences(range(today.year, today.year + CALENDAR_YEARS + 1)) if o.end >= today]
    occurrences.sort(key=lambda o: o.start)
    if occurrences:
        first, later = occurrences[0], occurrences[1:CALENDAR_YEARS]
        vevent = _all_day_event(
            _uid("event", event.translation_key, host), event.title, first.start, first.end, url, event.intro
        )
        if later:
            vevent.add("rdate", [o.start for o in later])
        _place_fields(vevent, event)
        calendar.add_component(vevent)
    return calendar.to_ical()


def stops_calendar(name: str, stops: list[ExportStop], start: date, host: str, key: str) -> bytes:
    """A trip or itinerary: each stop an all-day event on its day (day 1 = `start`); a festival
    on its own next dates instead, since that is when it can be visited."""
    calendar = _calendar(name)
    for position, stop in enumerate(stops, start=1):
        if stop.occurrence is not None:
            first, last = stop.occurrence.start, stop.occurrence.end
        else:
            first = last = start + timedelta(days=stop.day - 1)
        vevent = _all_day_event(
            _uid(f"{key}-{position}", stop.page.translation_key, host),
            stop.page.title,
            first,
            last,
            stop.url,
            stop.note or getattr(stop.page, "intro", ""),
        )
        _place_fields(vevent, stop.page)
        calendar.add_component(vevent)
    return calendar.to_ical()


def stops_gpx(name: str, stops: list[ExportStop], description: str = "") -> str:
    """Each stop with coordinates as a waypoint, and all of them in order as one route."""
    gpx = gpxpy.gpx.GPX()
    gpx.creator = "Xứ Thanh"
    gpx.name = name
    gpx.description = description or None
    gpx.time = datetime.now(tz=UTC)
    route = gpxpy.gpx.GPXRoute(name=name)
    for stop in stops:
        page = stop.page
        if getattr(page, "latitude", None) is None or getattr(page, "longitude", None) is None:
            continue
        comment = _("Day %(day)s") % {"day": stop.day} if stop.occurrence is None else stop.occurrence.start.isoformat()
        waypoint = gpxpy.gpx.GPXWaypoint(
            latitude=page.latitude,
            longitude=page.longitude,
            name=page.title,
            comment=comment,
            description=stop.note or getattr(page, "intro", "") or None,
        )
        waypoint.link = stop.url or None
        gpx.waypoints.append(waypoint)
        route.points.append(gpxpy.gpx.GPXRoutePoint(latitude=page.latitude, longitude=page.longitude, name=page.title))
    if route.points:
        gpx.routes.append(route)
    return gpx.to_xml(version="1.1")
