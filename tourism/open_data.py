"""The open tourism data feed (`/api/open-data/tourism/`): attractions, places, festivals and
itineraries as schema.org JSON-LD, one item per thing with its text in both languages, so that
the national and provincial tourism portals can take our data.

An item's `@id` is its page's address in the site's default language; its name and
description are language-tagged values, and `mainEntityOfPage` lists its page in each language.
The feed is a schema.org `DataFeed`, paged (`?page=`), with its licence and last change.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Locale, Page

from portal.models import Area

from .models import AttractionPage, EventPage, ItineraryPage, ItineraryStop, PlacePage

FEED_MODELS = (AttractionPage, PlacePage, EventPage, ItineraryPage)
PAGE_SIZE = 50
PLACE_TYPES = {"stay": "LodgingBusiness", "eat": "FoodEstablishment", "tours": "TravelAgency"}


@dataclass
class FeedPage:
    items: list[dict]
    number: int
    count: int
    pages: int
    last_modified: object  # datetime or None

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def feed_pages(private):
    """Every live page the feed describes (`private`: Page.objects.private_q(), read once), in
    the site's default language (the source of translations), in a stable order for paging."""
    default = Locale.get_default()
    return Page.objects.live().exclude(private).type(*FEED_MODELS).filter(locale=default).order_by("pk")


def last_modified(private=None):
    """When anything in the feed was last published, in any language."""
    private = Page.objects.private_q() if private is None else private
    pages = Page.objects.live().exclude(private).type(*FEED_MODELS)
    return pages.aggregate(last=Max("last_published_at"))["last"]


def build_feed_page(number: int, request) -> FeedPage:
    """One page of the feed. Queries per page are bounded: the page's sources, their
    translations (one per kind), stops of the itineraries and the areas named."""
    private = Page.objects.private_q()
    paginator = Paginator(feed_pages(private), PAGE_SIZE)
    page = paginator.page(number)  # InvalidPage past the last
    keys = [source.translation_key for source in page.object_list]
    by_key: dict = {}
    for model in FEED_MODELS:
        translations = model.objects.live().exclude(private).filter(translation_key__in=keys)
        for translation in translations.select_related("locale"):
            by_key.setdefault(translation.translation_key, []).append(translation)
    area_ids = {getattr(t, "area_id", None) for group in by_key.values() for t in group} - {None}
    areas = {area.pk: area for area in Area.objects.filter(pk__in=area_ids)}
    stops = _itinerary_stops([t for group in by_key.values() for t in group if isinstance(t, ItineraryPage)])
    today = timezone.localdate()
    items = []
    for source in page.object_list:
        translations = sorted(by_key.get(source.translation_key, []), key=lambda t: t.locale_id != source.locale_id)
        if translations:
            items.append(_item(translations, request, areas, stops, today))
    return FeedPage(items, page.number, paginator.count, paginator.num_pages, last_modified(private))


def _itinerary_stops(itineraries) -> dict:
    """For each itinerary in the default language: its stops' pages, in order."""
    default = Locale.get_default()
    rows = (
        ItineraryStop.objects.filter(itinerary__in=[i.pk for i in itineraries if i.locale_id == default.pk])
        .select_related("page")
        .order_by("itinerary_id", "day", "sort_order")
    )
    found: dict = {}
    for stop in rows:
        found.setdefault(stop.itinerary_id, []).append((stop.day, stop.page))
    return found


def _texts(translations, field: str) -> list[dict]:
    return [
        {"@value": getattr(t, field), "@language": t.locale.language_code}
        for t in translations
        if getattr(t, field, "")
    ]


def _item(translations, request, areas: dict, stops: dict, today) -> dict:
    source = translations[0]
    item = {
        "@id": source.get_full_url(request),
        "@type": _schema_type(source),
        "identifier": str(source.translation_key),
        "name": _texts(translations, "title"),
        "mainEntityOfPage": [
            {"@type": "WebPage", "@id": t.get_full_url(request), "inLanguage": t.locale.language_code}
            for t in translations
        ],
        "dateModified": max(t.last_published_at for t in translations if t.last_published_at).isoformat(),
    }
    description = _texts(translations, "intro")
    if description:
        item["description"] = description
    if isinstance(source, ItineraryPage):
        item["itinerary"] = {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "item": {"@id": page.get_full_url(request), "name": page.title}}
                for n, (_day, page) in enumerate(stops.get(source.pk, []), start=1)
            ],
        }
        item["duration"] = f"P{source.days}D"
        return item
    place = _place(translations, areas)
    if isinstance(source, EventPage):
        occurrence = source.occurrence_after(today)
        if occurrence:
            item["startDate"] = occurrence.start.isoformat()
            item["endDate"] = occurrence.end.isoformat()
        item["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        item["location"] = place
        item["subjectOf"] = {
            "@type": "DigitalDocument",
            "encodingFormat": "text/calendar",
            "url": source.get_full_url(request) + "calendar.ics",
        }
        return item
    item.update({key: value for key, value in place.items() if key != "@type"})
    for field, schema_field in (("phone", "telephone"), ("website", "sameAs")):
        if getattr(source, field, ""):
            item[schema_field] = getattr(source, field)
    return item


def _place(translations, areas: dict) -> dict:
    source = translations[0]
    address = {"@type": "PostalAddress", "addressRegion": "Thanh Hóa", "addressCountry": "VN"}
    localities = [
        {"@value": areas[t.area_id].name, "@language": t.locale.language_code}
        for t in translations
        if getattr(t, "area_id", None) in areas
    ]
    if localities:
        address["addressLocality"] = localities
    streets = _texts(translations, "address")
    if streets:
        address["streetAddress"] = streets
    place = {"@type": "Place", "address": address}
    names = _texts(translations, "place_name")
    if names:
        place["name"] = names
    if source.latitude is not None and source.longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": source.latitude, "longitude": source.longitude}
    return place


def _schema_type(page) -> str:
    if isinstance(page, AttractionPage):
        return "TouristAttraction"
    if isinstance(page, PlacePage):
        return PLACE_TYPES.get(page.place_kind, "LocalBusiness")
    if isinstance(page, EventPage):
        return "Event"
    return "TouristTrip"


def feed_document(feed: FeedPage, feed_url: str) -> dict:
    """The JSON-LD document of one feed page, with its licence and links to the pages around it."""
    view = {"first": f"{feed_url}?page=1", "last": f"{feed_url}?page={feed.pages}"}
    if feed.has_next:
        view["next"] = f"{feed_url}?page={feed.number + 1}"
    if feed.has_previous:
        view["previous"] = f"{feed_url}?page={feed.number - 1}"
    document = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "@id": f"{feed_url}?page={feed.number}",
        "name": f"{settings.WAGTAIL_SITE_NAME} — open tourism data",
        "description": "Attractions, places to stay and eat, festivals and itineraries of the province.",
        "inLanguage": [code for code, _name in settings.LANGUAGES],
        "license": settings.OPEN_DATA_LICENSE_URL,
        "creditText": settings.OPEN_DATA_ATTRIBUTION,
        "numberOfItems": feed.count,
        "page": feed.number,
        "pages": feed.pages,
        "view": view,
        "dataFeedElement": feed.items,
    }
    if feed.last_modified:
        document["dateModified"] = feed.last_modified.isoformat()
    return document
