"""Map, map data and festival calendar: thin views over tourism.geojson and the tourism models."""

import json

from django.core.paginator import InvalidPage
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET
from wagtail.models import Locale

from . import open_data
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


@require_GET
@condition(last_modified_func=lambda request: open_data.last_modified())
def open_data_feed(request):
    """The open tourism data feed (tourism.open_data), JSON-LD, paged by `?page=`."""
    number = request.GET.get("page", "1")
    if not number.isdigit():
        return JsonResponse({"error": "page must be a positive whole number"}, status=400)
    try:
        feed = open_data.build_feed_page(int(number), request)
    except InvalidPage:
        return JsonResponse({"error": "no such page"}, status=404)
    feed_url = request.build_absolute_uri(request.path)
    document = open_data.feed_document(feed, feed_url)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, cls=DjangoJSONEncoder),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Link"] = (
        ", ".join(
            f'<{url}>; rel="{rel}"'
            for rel, url in document["view"].items()
            if rel in ("first", "last", "next", "previous")
        ).replace('rel="previous"', 'rel="prev"')
        + f', <{document["license"]}>; rel="license"'
    )
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"  # open data: any portal may read it from a browser
    return response
