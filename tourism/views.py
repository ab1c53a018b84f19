"""Map, map data and festival calendar: thin views over tourism.geojson and the tourism models."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from .geojson import KIND_LABELS, feature_collection, kind_of, map_listings
from .models import EventPage, events_calendar, tourism_index_for


def _current_locale() -> Locale:
    try:
        return Locale.objects.get(language_code=translation.get_language())
    except Locale.DoesNotExist as error:
        raise Http404(_("This language is not available.")) from error


@require_GET
def map_view(request):
    listings = map_listings(_current_locale())
    wanted = [k for k in request.GET.getlist("kind") if k in KIND_LABELS]
    if wanted:
        listings = [page for page in listings if kind_of(page) in wanted]
    groups = [
        {"kind": kind, "label": label, "pages": [p for p in listings if kind_of(p) == kind]}
        for kind, label in KIND_LABELS.items()
    ]
    return render(
        request,
        "tourism/map.html",
        {
            "groups": [g for g in groups if g["pages"]],
            "kinds": KIND_LABELS.items(),
            "wanted": wanted or list(KIND_LABELS),
            "count": len(listings),
        },
    )


@require_GET
def map_data(request):
    data = feature_collection(map_listings(_current_locale()), request)
    response = HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def events_view(request):
    locale = _current_locale()
    index = tourism_index_for(locale)
    events = EventPage.objects.live().public().filter(locale=locale)
    return render(
        request,
        "tourism/events_calendar.html",
        {"calendar": events_calendar(events, months=12), "tourism_index": index},
    )
