"""Places: the 2025 two-level units (province → ward/commune), coordinates and distances.

Addresses use wards and communes from `vietnam-provinces`; products and sights are still
known by their old district or town, which we call an *area* (`portal.models.Area`).
"""

import math
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from vietnam_provinces import Province, ProvinceCode, Ward

# The mean Earth radius (IUGG), the one constant of every distance on the site: this function,
# the flat distance "nearby" filters and orders by in SQL (tourism.nearby) and bounding boxes.
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_KM / 180


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres (the site's one distance function)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class Located(models.Model):
    """A point on the map: both coordinates or neither (`validate_coordinates`)."""

    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        abstract = True


class Place(Located):
    """Where a producer, a sight or a festival is: the area people still name it by, a street
    address and a point. Declared once here for every kind of page that has them."""

    area = models.ForeignKey(
        "portal.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The former district or town people still name it by."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        abstract = True


def validate_coordinates(latitude, longitude, *, within_province: bool = True) -> None:
    """Refuse impossible coordinates, and (by default) ones far outside the province."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(_("Give both latitude and longitude, or neither."), code="coordinates_pair")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError(
            _("Latitude must be between -90 and 90 and longitude between -180 and 180."),
            code="coordinates_range",
        )
    if within_province:
        min_lat, min_lon, max_lat, max_lon = settings.PROVINCE_BBOX
        margin = settings.PROVINCE_BBOX_MARGIN_DEG
        if not (min_lat - margin <= latitude <= max_lat + margin and min_lon - margin <= longitude <= max_lon + margin):
            raise ValidationError(
                _("These coordinates are far outside the province. Check that latitude and longitude are not swapped."),
                code="coordinates_outside_province",
            )


@lru_cache(maxsize=64)
def province_name(code: int | None = None) -> str:
    return Province.from_code(ProvinceCode(code or settings.PROVINCE_CODE)).name


@lru_cache(maxsize=64)
def ward_choices(province_code: int | None = None) -> list[tuple[int, str]]:
    """(code, name) of the wards and communes of a province, for a select box."""
    wards = Ward.iter_by_province(ProvinceCode(province_code or settings.PROVINCE_CODE))
    return sorted(((int(w.code), w.name) for w in wards), key=lambda choice: choice[1])


def ward_select_choices() -> list[tuple]:
    """The wards of the province for a select box, after an empty choice."""
    return [("", "---------")] + list(ward_choices())


def province_choices() -> list[tuple[int, str]]:
    return sorted(((int(p.code), p.name) for p in Province.iter_all()), key=lambda choice: choice[1])


def ward_name(code: int | None) -> str:
    if not code:
        return ""
    try:
        return Ward.from_code(int(code)).name
    except (ValueError, KeyError):
        return ""


def validate_ward(code: int | None, province_code: int | None = None) -> None:
    if not code:
        return
    if int(code) not in dict(ward_choices(province_code)):
        raise ValidationError(_("This ward or commune is not in the chosen province."), code="ward_province")
