"""“Nearby”: attractions, places, producers and products within a radius, nearest first.

The cost must not grow with the catalogue, nor with how many pages sit near a point:

- Each kind of page is read by one small SQL statement on its indexed coordinates: a bounding
  box narrows the rows, then a flat-earth distance (plain arithmetic, which every database
  runs; within 20 km it is the great-circle distance to a thousandth) filters and orders them.
- A 20 km box over a dense province holds thousands of products, so the box is searched in
  growing rings (`RINGS_KM`): the nearest `limit` within the first ring are the answer when
  there are that many; only a sparse neighbourhood reads the wider rings. The rings are one
  `UNION ALL … LIMIT` statement, which stops reading as soon as the limit is met (each ring
  after the first skips what the one before it held).
- The statement is written here rather than built by the ORM: compiling a union of distance
  expressions cost more Python than the rest of the page. Rows become pages through
  `Model.from_db` with only the columns shown (`Page.get_url` needs only `url_path`); the
  distance shown is the site's one distance function (`portal.places.distance_km`).
"""

import math
from dataclasses import dataclass

from django.apps import apps
from django.db import connections
from wagtail.models import Page

from portal.places import KM_PER_DEGREE_LAT, distance_km
from portal.visibility import public_sql

DEFAULT_RADIUS_KM = 20.0
RINGS_KM = (3.0, 8.0)  # then the full radius
SLACK = 1.01  # the flat distance may differ from the great circle by a little: keep the edge, filter exactly after
PAGE_FIELDS = ("id", "title", "slug", "url_path", "locale_id")


@dataclass
class Near:
    page: object
    distance_km: float


@dataclass
class NearbyItem:
    page: object
    kind: str  # attraction, stay, eat, event, producer, product
    distance_km: float


def bounding_box(latitude: float, longitude: float, radius_km: float) -> tuple[float, float, float, float]:
    """The smallest latitude/longitude box that holds the circle (on the same sphere as the
    haversine distance, so nothing within the radius falls outside it)."""
    angle = radius_km / (KM_PER_DEGREE_LAT * 180 / math.pi)
    dlat = math.degrees(angle)
    ratio = math.sin(angle) / max(math.cos(math.radians(latitude)), 1e-9)
    dlon = math.degrees(math.asin(ratio)) if ratio < 1 else 180.0
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon


def rings(radius_km: float) -> list[float]:
    return [ring for ring in RINGS_KM if ring < radius_km] + [radius_km]


def nearest(
    model,
    latitude: float,
    longitude: float,
    locale_id: int,
    radius_km: float,
    limit: int,
    *,
    fields=(),
    hidden=(),
    lat_field="latitude",
    lon_field="longitude",
) -> list[Near]:
    """The `limit` live public pages of `model` in the locale nearest the point within
    `radius_km`, nearest first, leaving out the subtrees at the `hidden` paths. The pages carry only
    PAGE_FIELDS, the point and `fields`: reading another field would cost a query."""
    meta = model._meta
    table, page_table = meta.db_table, Page._meta.db_table
    wanted = {*PAGE_FIELDS, meta.pk.attname, lat_field, lon_field, *fields}
    columns = [field for field in meta.concrete_fields if field.attname in wanted]
    names = [field.attname for field in columns]
    select = ", ".join(
        f"{'p' if field.model._meta.db_table == page_table else 'x'}.{field.column}" for field in columns
    )
    lat, lon = f"x.{meta.get_field(lat_field).column}", f"x.{meta.get_field(lon_field).column}"
    east = KM_PER_DEGREE_LAT * math.cos(math.radians(latitude))
    flat = f"(({lat} - %s) * {KM_PER_DEGREE_LAT!r}) * (({lat} - %s) * {KM_PER_DEGREE_LAT!r}) + "
    flat += f"(({lon} - %s) * %s) * (({lon} - %s) * %s)"
    # Only names from the models' meta and constants are written into the statement; what depends
    # on the point is a parameter, so every page's statement has one text and PostgreSQL prepares it once.
    box = f"SELECT {select}, {flat} AS flat_km2 FROM {table} x"  # noqa: S608  # nosec B608
    box += f" JOIN {page_table} p ON p.id = x.{meta.pk.column}"
    box += f" WHERE p.live AND p.locale_id = %s AND {lat} BETWEEN %s AND %s AND {lon} BETWEEN %s AND %s"
    box += " AND p.path NOT LIKE %s" * len(hidden) + " AND " + public_sql("p.path")
    parts, params, inner = [], [], 0.0
    for ring in rings(radius_km):
        min_lat, max_lat, min_lon, max_lon = bounding_box(latitude, longitude, ring * SLACK)
        parts.append(
            f"SELECT * FROM (SELECT * FROM ({box}) box{len(parts)} WHERE flat_km2 <= %s AND flat_km2 > %s"  # noqa: S608  # nosec B608
            f" ORDER BY flat_km2, id LIMIT {int(limit)}) ring{len(parts)}"
        )
        params += [latitude, latitude, longitude, east, longitude, east, locale_id, min_lat, max_lat, min_lon, max_lon]
        params += [f"{path}%" for path in hidden] + [(ring * SLACK) ** 2, (inner * SLACK) ** 2 if inner else -1.0]
        inner = ring
    sql = " UNION ALL ".join(parts) + f" LIMIT {int(limit)}"
    db = model.objects.db
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = []
    lat_at, lon_at = names.index(lat_field), names.index(lon_field)
    for row in rows:
        km = distance_km(latitude, longitude, row[lat_at], row[lon_at])
        if km <= radius_km:
            found.append(Near(model.from_db(db, names, row[: len(names)]), round(km, 1)))
    found.sort(key=lambda near: (near.distance_km, near.page.pk))
    return found


# What the "nearby" panel lists: per kind, the model, the fields it shows and its point.
SOURCES = (
    ("attraction", "tourism.AttractionPage", (), "latitude", "longitude"),
    ("place", "tourism.PlacePage", ("place_kind", "subtype"), "latitude", "longitude"),
    ("producer", "catalogue.ProducerPage", ("accepts_visitors", "visiting_hours"), "latitude", "longitude"),
    # A product's point is its own coordinates, else its producer's (catalogue.points).
    ("product", "catalogue.ProductPage", (), "point_latitude", "point_longitude"),
)


def around(latitude, longitude, locale_id, *, radius_km, limit, hidden) -> dict[str, list[Near]]:
    """Per kind of SOURCES, the `limit` nearest the point: one query each."""
    found = {}
    for kind, label, fields, lat_field, lon_field in SOURCES:
        model = apps.get_model(label)
        found[kind] = nearest(
            model, latitude, longitude, locale_id, radius_km, limit,
            fields=fields, hidden=hidden, lat_field=lat_field, lon_field=lon_field,
        )  # fmt: skip
    return found


def nearby(latitude: float, longitude: float, locale, *, radius_km=DEFAULT_RADIUS_KM, limit=8, exclude=None):
    """Listings near a point in one language, nearest first (one query per kind of page)."""
    hidden = [_owner_path(exclude)] if exclude is not None else []
    found = around(latitude, longitude, getattr(locale, "pk", locale), radius_km=radius_km, limit=limit, hidden=hidden)
    return merged(found, limit)


def neighbours(page, limit: int = 8) -> dict[str, list[Near]]:
    """What is near `page` within DEFAULT_RADIUS_KM, per kind, nearest first, kept on the page
    object for the rest of the request: the "nearby" panel and the local products below an
    attraction or place read the same rows."""
    kept = page.__dict__.get("_neighbours")
    if kept is not None and kept[0] >= limit:
        return kept[1]
    point = point_of(page)
    found = {kind: [] for kind, *_ in SOURCES}
    if point is not None:
        hidden = [_owner_path(page)]
        found = around(*point, page.locale_id, radius_km=DEFAULT_RADIUS_KM, limit=limit, hidden=hidden)
    page.__dict__["_neighbours"] = (limit, found)
    return found


def nearby_page(page, limit: int = 8) -> list[NearbyItem]:
    """The "nearby" panel of `page`: the nearest `limit` of every kind."""
    return merged(neighbours(page, limit), limit)


def merged(found: dict[str, list[Near]], limit: int) -> list[NearbyItem]:
    items = [
        NearbyItem(near.page, near.page.place_kind if kind == "place" else kind, near.distance_km)
        for kind, nears in found.items()
        for near in nears
    ]
    items.sort(key=lambda item: (item.distance_km, item.page.title))
    return items[:limit]


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
