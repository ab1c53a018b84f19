"""“Nearby”: attractions, places, producers and products within a radius, nearest first.

Distances are computed in the database: a bounding box on latitude/longitude (indexed on
every kind of page) narrows the rows, then the haversine formula (Django's math functions,
which PostgreSQL has natively and Django registers on SQLite) gives the exact distance to
filter and order by.

The cost must not grow with the catalogue: a 20 km box over a dense province holds thousands
of products. So each kind is searched in growing rings (`RINGS_KM`): the nearest `limit`
within the first ring are the answer when there are that many; only a sparse neighbourhood
reads the wider rings. On PostgreSQL the rings are one `UNION ALL … LIMIT` statement, which
stops reading as soon as the limit is met (each ring after the first skips what the one
before it held); on SQLite, which cannot slice the parts of a union, one query per ring.
"""

import math
from dataclasses import dataclass

from django.db import connections
from django.db.models import FloatField, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from portal.places import EARTH_RADIUS_KM

DEFAULT_RADIUS_KM = 20.0
RINGS_KM = (3.0, 8.0)  # then the full radius


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
    """The smallest latitude/longitude box that holds the circle (on the same sphere as the
    haversine distance, so nothing within the radius falls outside it)."""
    angle = radius_km / EARTH_RADIUS_KM
    dlat = math.degrees(angle)
    ratio = math.sin(angle) / max(math.cos(math.radians(latitude)), 1e-9)
    dlon = math.degrees(math.asin(ratio)) if ratio < 1 else 180.0
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
        .order_by("distance_km", "pk")
    )


def rings(radius_km: float) -> list[float]:
    return [ring for ring in RINGS_KM if ring < radius_km] + [radius_km]


def nearest(queryset, latitude: float, longitude: float, radius_km: float, limit: int, lat_field, lon_field) -> list:
    """The `limit` rows of `queryset` nearest the point within `radius_km`, nearest first."""
    parts, inner = [], None
    for ring in rings(radius_km):
        part = within(queryset, latitude, longitude, ring, lat_field, lon_field)
        if inner is not None:
            part = part.filter(distance_km__gt=inner)
        parts.append(part[:limit])
        inner = ring
    if connections[queryset.db].features.supports_slicing_ordering_in_compound:
        if len(parts) == 1:
            return list(parts[0])
        return list(parts[0].union(*parts[1:], all=True)[:limit])
    found: list = []
    for part in parts:  # SQLite: ring by ring, until the limit is met
        found += part[: limit - len(found)]
        if len(found) >= limit:
            break
    return found


def nearby(latitude: float, longitude: float, locale, *, radius_km=DEFAULT_RADIUS_KM, limit=8, exclude=None):
    """Listings near a point in one language, nearest first (one query per kind of page)."""
    from catalogue.models import ProducerPage, ProductPage

    from .models import AttractionPage, PlacePage

    excluded_path = _owner_path(exclude) if exclude is not None else None
    found: list[NearbyItem] = []
    sources = [
        (AttractionPage, lambda p: "attraction", "latitude", "longitude"),
        (PlacePage, lambda p: p.place_kind, "latitude", "longitude"),
        (ProducerPage, lambda p: "producer", "latitude", "longitude"),
        # A product's point is its own coordinates, else its producer's (catalogue.points).
        (ProductPage, lambda p: "product", "point_latitude", "point_longitude"),
    ]
    private = AttractionPage.objects.private_q()  # one read of the view restrictions, not one per kind
    for model, kind, lat_field, lon_field in sources:
        queryset = model.objects.live().filter(locale=locale).exclude(private)
        if excluded_path:
            queryset = queryset.exclude(path__startswith=excluded_path)
        for page in nearest(queryset, latitude, longitude, radius_km, limit, lat_field, lon_field):
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
    """The coordinates a page stands for: its own, or for a product the point stored on it
    (its own coordinates, else its producer's)."""
    for lat_field, lon_field in (("point_latitude", "point_longitude"), ("latitude", "longitude")):
        latitude, longitude = getattr(page, lat_field, None), getattr(page, lon_field, None)
        if latitude is not None and longitude is not None:
            return latitude, longitude
    return None
