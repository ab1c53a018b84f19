"""My trip (`/{lang}/trip/`), its iCalendar and GPX files, and the exports of a festival and of
an itinerary page (`<event page>/calendar.ics`, `<itinerary page>/itinerary.gpx`)."""

from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Page, Site

from . import trips
from .exports import ExportStop, event_calendar, stops_calendar, stops_gpx
from .models import EventPage, ItineraryPage
from .views import _current_locale


def _browser_mode(request) -> bool:
    """The trip comes from the query string (kept in the browser), not from the account."""
    return "stops" in request.GET or not request.user.is_authenticated


def _pairs(request) -> list[trips.StopPair]:
    if _browser_mode(request):
        return trips.parse_stops(request.GET.get("stops", ""))
    return trips.account_pairs(trips.trip_of(request.user))


def _start_date(request) -> date | None:
    text = request.GET.get("start") or request.POST.get("start")
    if text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if request.user.is_authenticated and "stops" not in request.GET:
        return trips.trip_of(request.user).start_date
    return None


def _trip_url(pairs, start: date | None = None) -> str:
    query = {"stops": trips.format_stops(pairs)}
    if start:
        query["start"] = start.isoformat()
    return reverse("tourism:trip") + "?" + urlencode(query)


@require_http_methods(["GET", "POST"])
def trip_view(request):
    locale = _current_locale()
    if request.method == "POST":
        return _save_account_trip(request)
    browser = _browser_mode(request)
    pairs = _pairs(request)
    if browser and "reorder" in request.GET:  # the trip form of a visitor without an account
        return redirect(_trip_url(trips.reorder(pairs, request.GET), _start_date(request)))
    adding = _page_to_add(request)
    if adding is not None and browser:
        # Without JavaScript or an account the trip lives in this page's address.
        return redirect(_trip_url(trips.with_stop(pairs, adding.pk), _start_date(request)))
    rows = trips.trip_rows(pairs, locale)
    start = _start_date(request)
    export_query = "?" + urlencode({"stops": trips.format_stops(pairs), **({"start": start} if start else {})})
    return render(
        request,
        "tourism/trip.html",
        {
            "days": trips.trip_days(rows),
            "rows": rows,
            "total_distance": round(sum(row.distance_km or 0 for row in rows), 1),
            "browser_mode": browser,
            "stops_value": trips.format_stops(pairs),
            "start": start,
            "adding": adding,
            "export_query": export_query if browser else "",
            "points": [
                {"lat": row.page.latitude, "lon": row.page.longitude, "name": row.page.title, "url": row.page.url}
                for row in rows
                if row.page.latitude is not None and row.page.longitude is not None
            ],
            "max_days": trips.MAX_TRIP_DAYS,
        },
    )


def _page_to_add(request):
    text = request.GET.get("add", "")
    if not text.isdigit():
        return None
    for model in trips.TRIP_PAGE_MODELS:
        page = model.objects.live().public().filter(pk=int(text)).first()
        if page is not None:
            return page
    return None


def _save_account_trip(request):
    if not request.user.is_authenticated:
        return redirect("tourism:trip")
    trip = trips.trip_of(request.user)
    action = request.POST.get("action")
    if action == "add" and request.POST.get("page", "").isdigit():
        if trips.add_to_account(trip, int(request.POST["page"])):
            messages.success(request, _("Added to your trip."))
    elif action == "merge":  # what the browser kept before signing in (trip.js)
        trips.merge_into_account(trip, trips.parse_stops(request.POST.get("stops", "")))
    elif action == "save":
        trips.save_pairs(trip, trips.reorder(trips.account_pairs(trip), request.POST))
        start = request.POST.get("start", "")
        try:
            trip.start_date = date.fromisoformat(start) if start else None
        except ValueError:
            messages.error(request, _("The first day is not a date."))
        else:
            trip.save(update_fields=["start_date", "updated_at"])
            messages.success(request, _("Your trip is saved."))
    return redirect("tourism:trip")


def _export_stops(request, rows) -> list[ExportStop]:
    return [
        ExportStop(row.page, row.day, request.build_absolute_uri(row.page.url), occurrence=row.occurrence)
        for row in rows
    ]


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def trip_ics(request):
    rows = trips.trip_rows(_pairs(request), _current_locale())
    start = _start_date(request) or timezone.localdate() + timedelta(days=1)
    key = f"trip-{request.user.pk}" if not _browser_mode(request) else "trip"
    content = stops_calendar(_("My trip"), _export_stops(request, rows), start, request.get_host(), key)
    return _download(content, "text/calendar; charset=utf-8", "trip.ics")


@require_GET
def trip_gpx(request):
    rows = trips.trip_rows(_pairs(request), _current_locale())
    content = stops_gpx(_("My trip"), _export_stops(request, rows))
    return _download(content, "application/gpx+xml; charset=utf-8", "trip.gpx")


def _page_at(request, page_path: str, model):
    """The live, public page of `model` at this path in the current site and language."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    found = site.root_page.localized.specific.route(request, [part for part in page_path.split("/") if part])
    page = Page.objects.filter(pk=found.page.pk).live().public().type(model).specific().first()
    if page is None:
        raise Http404
    return page


@require_GET
def event_ics(request, page_path: str):
    event = _page_at(request, page_path, EventPage)
    content = event_calendar(event, event.get_full_url(request), request.get_host())
    response = _download(content, "text/calendar; charset=utf-8", f"{event.slug}.ics")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def itinerary_gpx(request, page_path: str):
    itinerary = _page_at(request, page_path, ItineraryPage)
    stops = [
        ExportStop(row.page, row.day, request.build_absolute_uri(row.page.url), note=row.note)
        for row in itinerary.stop_rows()
    ]
    content = stops_gpx(itinerary.title, stops, itinerary.intro)
    response = _download(content, "application/gpx+xml; charset=utf-8", f"{itinerary.slug}.gpx")
    response["Cache-Control"] = "public, max-age=3600"
    return response
