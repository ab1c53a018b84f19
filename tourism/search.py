"""What tourism gives to search: attractions, events and places to stay or eat
(see search/documents.py). A kind whose model does not exist yet is left out."""

from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _


def _tourism_page_document(page, kind: str, type_key: str, type_label: str, price=None) -> list:
    from search.documents import Document, is_public_page, plain, translated, translation_key

    if not is_public_page(page):
        return []
    locale = page.locale.language_code
    with translation.override(locale):
        area_name = translated(page.area, page.locale_id, "name") if page.area_id else ""
        return [
            Document(
                kind=kind,
                locale=locale,
                object_id=page.pk,
                url=page.get_url() or "",
                title=page.title,
                summary=page.intro,
                text=" ".join([plain(page.body), page.address, area_name, type_label]),
                facets={
                    "type": [type_key] if type_key else [],
                    "area": [translation_key(page.area)] if page.area_id else [],
                },
                price=price,
                latitude=page.latitude,
                longitude=page.longitude,
                meta=" · ".join(filter(None, [type_label, area_name])),
            )
        ]


def attraction_documents(page) -> list:
    with translation.override(page.locale.language_code):
        type_label = str(page.get_attraction_type_display()) if page.attraction_type else ""
    return _tourism_page_document(page, "attractions", page.attraction_type, type_label, price=page.price_adult)


def place_documents(page) -> list:
    with translation.override(page.locale.language_code):
        type_label = str(page.get_subtype_display()) if page.subtype else str(page.get_place_kind_display())
    type_key = page.subtype or page.place_kind
    return _tourism_page_document(page, "places", type_key, type_label, price=page.price_from)


def event_documents(event) -> list:
    from search.documents import Document, is_public_page, plain, translated, translation_key

    if not is_public_page(event):
        return []
    locale = event.locale.language_code
    expires_on = None
    if not event.recurs_yearly:
        occurrences = event.occurrences(range(1900, 2200))
        if not occurrences:
            return []
        expires_on = max(o.end for o in occurrences)
    with translation.override(locale):
        area_name = translated(event.area, event.locale_id, "name") if event.area_id else ""
        occurrence = event.next_occurrence
        when = formats.date_format(occurrence.start, "DATE_FORMAT") if occurrence else ""
        return [
            Document(
                kind="events",
                locale=locale,
                object_id=event.pk,
                url=event.get_url() or "",
                title=event.title,
                summary=event.intro,
                text=" ".join([plain(event.body), event.place_name, area_name, str(event.lunar_label)]),
                facets={
                    "area": [translation_key(event.area)] if event.area_id else [],
                    "month": [str(occurrence.start.month)] if occurrence else [],
                    "calendar": [event.calendar] if event.calendar else [],
                },
                latitude=event.latitude,
                longitude=event.longitude,
                expires_on=expires_on,
                meta=" · ".join(filter(None, [str(when), area_name])),
            )
        ]


def _month_labels(keys: list[str], locale: str) -> dict[str, str]:
    """Month numbers ("1" … "12") as month names in the language."""
    import datetime

    found = {}
    with translation.override(locale):
        for key in keys:
            if key.isdigit() and 1 <= int(key) <= 12:
                found[key] = str(formats.date_format(datetime.date(2000, int(key), 1), "F"))
    return found


def search_kinds() -> list:
    from search.documents import Facet, SearchKind, area_facet, choice_labels
    from tourism.models import AttractionPage, EventPage, PlacePage
    from tourism.models.events import CalendarKind
    from tourism.models.listings import AttractionType, PlaceKind, PlaceSubtype

    return [
        SearchKind(
            name="attractions",
            label=_("Attractions"),
            models=(AttractionPage,),
            objects=lambda: AttractionPage.objects.live().public().select_related("locale", "area"),
            to_documents=attraction_documents,
            facets=(Facet("type", _("Type"), labels=choice_labels(AttractionType)), area_facet()),
            sorts=("relevance", "title", "distance"),
            order=30,
        ),
        SearchKind(
            name="events",
            label=_("Events and festivals"),
            models=(EventPage,),
            objects=lambda: EventPage.objects.live().public().select_related("locale", "area"),
            to_documents=event_documents,
            facets=(
                Facet("month", _("Month"), labels=_month_labels),
                area_facet(),
                Facet("calendar", _("Calendar"), labels=choice_labels(CalendarKind)),
            ),
            sorts=("relevance", "title", "distance"),
            order=40,
        ),
        SearchKind(
            name="places",
            label=_("Places to stay and eat"),
            models=(PlacePage,),
            objects=lambda: PlacePage.objects.live().public().select_related("locale", "area"),
            to_documents=place_documents,
            facets=(
                Facet("type", _("Type"), labels=choice_labels([*PlaceSubtype.choices, *PlaceKind.choices])),
                area_facet(),
            ),
            sorts=("relevance", "title", "distance"),
            order=50,
        ),
    ]
