"""“Nearby”: attractions, places, producers and products within a radius, nearest first.

Distances are computed in the database: a bounding box on latitude/longitude narrows the
rows, then the haversine formula (Django's math functions, which PostgreSQL has natively
and Django registers on SQLite) gives the exact distance to filter and order by.
"""

import math
from dataclasses import dataclass

from django.db.models import F, FloatField, Value
from django.db.models.functions import ASin, Coalesce, Cos, Power, Radians, Sin, Sqrt

from portal.places import EARTH_RADIUS_KM, KM_PER_DEGREE_LAT

DEFAULT_RADIUS_KM = 20.0


@dataclass
class NearbyItem:
    page: object
    kind: str  # attraction, stay, eat, event, producer, product
    distance_km: float


def haversine_expression(latitude: float, longitude: float, lat_field="latitude", lon_field="longitude"):
    """A SQL expression for the great-circle distance in km from (latitude, longitude)."""
    lat1, lon1 = math.radians(latitude), math.radians(longitude)
    lat2, lon2 = Radians(lat_field), Radians(lon_field)
    half_dlat = (lat2 - Value(lat1)) / 2
    half_dlon = (lon2 - Value(lon1)) / 2
    a = Power(Sin(half_dlat), 2) + Value(math.cos(lat1)) * Cos(lat2) * Power(Sin(half_dlon), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(a), output_field=FloatField())


def bounding_box(latitude: float, longitude: float, radius_km: float) -> tuple[float, float, float, float]:
    dlat = radius_km / KM_PER_DEGREE_LAT
    dlon = radius_km / (KM_PER_DEGREE_LAT * max(math.cos(math.radians(latitude)), 0.01))
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon


def within(queryset, latitude: float, longitude: float, radius_km: float, lat_field="latitude", lon_field="longitude"):
    """Rows of `queryset` within `radius_km`, annotated with `distance_km` and ordered by it."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(latitude, longitude, radius_km)
    return (
        queryset.filter(
            **{
                f"{lat_field}__gte": min_lat,
                f"{lat_field}__lte": max_lat,
                f"{lon_field}__gte": min_lon,
                f"{lon_field}__lte": max_lon,
            }
        )
        .annotate(distance_km=haversine_expression(latitude, longitude, lat_field, lon_field))
        .filter(distance_km__lte=radius_km)
        .order_by("distance_km")
    )


def _product_queryset(locale):
    """Products with their own coordinates, or else their producer's."""
    from catalogue.models import ProductPage

    return (
        ProductPage.objects.live()
        .public()
        .filter(locale=locale)
        .annotate(
            point_lat=Coalesce(F("latitude"), F("producer__latitude")),
            point_lon=Coalesce(F("longitude"), F("producer__longitude")),
        )
    )


def nearby(latitude: float, longitude: float, locale, *, radius_km=DEFAULT_RADIUS_KM, limit=8, exclude=None):
    """Listings near a point in one language, nearest first (one query per kind of page)."""
    from catalogue.models import ProducerPage

    from .models import AttractionPage, PlacePage

    excluded_path = _owner_path(exclude) if exclude is not None else None
    found: list[NearbyItem] = []
    sources = [
        (AttractionPage, lambda p: "attraction", "latitude", "longitude", None),
        (PlacePage, lambda p: p.place_kind, "latitude", "longitude", None),
        (ProducerPage, lambda p: "producer", "latitude", "longitude", None),
        (None, lambda p: "product", "point_lat", "point_lon", _product_queryset),
    ]
    for model, kind, lat_field, lon_field, make_queryset in sources:
        queryset = make_queryset(locale) if make_queryset else model.objects.live().public().filter(locale=locale)
        if excluded_path:
            queryset = queryset.exclude(path__startswith=excluded_path)
        queryset = within(queryset, latitude, longitude, radius_km, lat_field, lon_field)
        for page in queryset[:limit]:
            found.append(NearbyItem(page, kind(page), round(page.distance_km, 1)))
    found.sort(key=lambda item: (item.distance_km, item.page.title))
    return found[:limit]


def _owner_path(page) -> str:
    """The subtree not to list as "nearby" a page: itself and what it holds.

    A producer's own products sit at its address (0 km) and are already on its page; for a
    product, its producer and sibling products are left out for the same reason.
    """
    from catalogue.models import ProductPage

    if isinstance(page, ProductPage):
        return page.path[: -page.steplen]
    return page.path


def point_of(page) -> tuple[float, float] | None:
    """The coordinates a page stands for: its own, or for a product its producer's."""
    latitude, longitude = getattr(page, "latitude", None), getattr(page, "longitude", None)
    if latitude is not None and longitude is not None:
        return latitude, longitude
    from catalogue.models import ProductPage

    if isinstance(page, ProductPage) and page.producer_id:
        producer = page.producer
        if producer.latitude is not None and producer.longitude is not None:
            return producer.latitude, producer.longitude
    return None
