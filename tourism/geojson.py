"""The map's data as GeoJSON (RFC 7946): every listing with coordinates, [longitude, latitude]."""

from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "attraction": _("Attractions"),
    "stay": _("Places to stay"),
    "eat": _("Places to eat"),
    "tours": _("Tours and guides"),
    "event": _("Festivals"),
    "producer": _("Producers"),
}


def map_listings(locale) -> list:
    """Every published listing with coordinates in one language (one query per page type)."""
    from catalogue.models import ProducerPage

    from .models import AttractionPage, EventPage, PlacePage

    listings = []
    for model in (AttractionPage, PlacePage, EventPage, ProducerPage):
        listings += list(
            model.objects.live()
            .public()
            .filter(locale=locale, latitude__isnull=False, longitude__isnull=False)
            .select_related("area")
            .order_by("title")
        )
    return listings


def kind_of(page) -> str:
    return getattr(page, "kind", None) or "producer"


def type_label_of(page) -> str:
    label = getattr(page, "type_label", None)
    if label is None and hasattr(page, "get_business_type_display"):
        label = page.get_business_type_display()
    return str(label or "")


def feature(page, request) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(page.longitude, 6), round(page.latitude, 6)]},
        "properties": {
            "name": page.title,
            "kind": kind_of(page),
            "kind_label": str(KIND_LABELS.get(kind_of(page), "")),
            "type_label": type_label_of(page),
            "area": page.area.name if page.area_id else "",
            "url": page.get_url(request),
        },
    }


def feature_collection(listings, request) -> dict:
    return {"type": "FeatureCollection", "features": [feature(page, request) for page in listings]}
