"""The joins between the shop, the trace page and the tourism pages.

- Where a product was made (its product page and the trace page of its lots): the area and
  village, a small map, the attractions and festivals near it, and "visit the producer" when
  the producer welcomes visitors.
- Local products made near an attraction or place, and where to buy them there (producers
  and markets nearby).
- A festival's products (chosen by editors: `FestivalProduct`).

Each costs a bounded number of queries (nearest-first reads of `tourism.nearby`) and is
shown in template fragments keyed on the page's `cache_key` (and for a product its
`stock_version`, which a producer's publish bumps).
"""

from dataclasses import dataclass, field

from catalogue.models import ProductPage
from portal.visibility import public

from .models import AttractionPage, EventPage, FestivalProduct, PlaceSubtype, TourismIndexPage
from .nearby import DEFAULT_RADIUS_KM, Near, nearest, neighbours

MADE_HERE_RADIUS_KM = 25.0
LOCAL_PRODUCTS_RADIUS_KM = DEFAULT_RADIUS_KM


@dataclass
class MadeHere:
    producer: object
    area: object
    village: str
    latitude: float | None
    longitude: float | None
    attractions: list[Near] = field(default_factory=list)
    festivals: list[Near] = field(default_factory=list)
    area_url: str = ""

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def points(self) -> list[dict]:
        """For the small map: where it is made, then what is near it."""
        found = []
        if self.has_coordinates:
            found.append(
                {"lat": self.latitude, "lon": self.longitude, "name": self.producer.title if self.producer else ""}
            )
        for near in self.attractions:
            found.append(
                {"lat": near.page.latitude, "lon": near.page.longitude, "name": near.page.title, "url": near.page.url}
            )
        return found


def made_here(product: ProductPage, locale=None) -> MadeHere | None:
    """Where `product` is made, with the attractions and festivals near it (in `locale`): one
    query per kind, and one for the tourism index (its area link)."""
    locale_id = locale.pk if locale is not None else product.locale_id
    producer = product.producer if product.producer_id else None  # already read by the product's detail
    area = product.origin_area if product.origin_area_id else (producer.area if producer else None)
    if producer is None and area is None:
        return None
    village = ", ".join(part for part in (producer.address, producer.ward_name) if part) if producer else ""
    latitude, longitude = product.point_latitude, product.point_longitude
    found = MadeHere(producer, area, village, latitude, longitude)
    if found.has_coordinates:
        point = (latitude, longitude, locale_id, MADE_HERE_RADIUS_KM)
        found.attractions = nearest(AttractionPage, *point, 4)
        festivals = nearest(EventPage, *point, 3)
        if festivals:  # their next date needs the whole page
            full = EventPage.objects.in_bulk([near.page.pk for near in festivals])
            found.festivals = [Near(full[near.page.pk], near.distance_km) for near in festivals]
    if area is not None:
        # Not .public(): that reads every view restriction first; this asks in the same query.
        index = public(TourismIndexPage.objects.live().filter(locale_id=locale_id)).order_by("pk").first()
        if index is not None:
            found.area_url = f"{index.url}?area={area.slug}"
    return found


@dataclass
class LocalProducts:
    products: list[Near]
    producers: list[Near]  # where to buy: the makers nearby (open to visitors first)
    markets: list[Near]

    def __bool__(self) -> bool:
        return bool(self.products or self.producers or self.markets)


def local_products(page) -> LocalProducts:
    """Traceable products made near an attraction or place, and where to buy them nearby: the
    rows the "nearby" panel reads (`tourism.nearby.neighbours`), within LOCAL_PRODUCTS_RADIUS_KM."""
    rows = neighbours(page)
    producers = rows["producer"][:4]
    producers.sort(key=lambda near: (not near.page.accepts_visitors, near.distance_km))
    markets = [
        near for near in rows["place"][:6] if near.page.subtype in (PlaceSubtype.MARKET, PlaceSubtype.FOOD_VILLAGE)
    ]
    return LocalProducts(rows["product"][:6], producers, markets[:3])


def festival_products(event: EventPage) -> list[tuple[object, str]]:
    """The products chosen for a festival, in the editors' order, in the festival's language."""
    rows = list(FestivalProduct.objects.filter(event=event).select_related("product").order_by("sort_order"))
    keys = [row.product.translation_key for row in rows]
    shown = {}
    for product in ProductPage.objects.live().filter(translation_key__in=keys).select_related("locale"):
        if product.locale_id == event.locale_id or product.translation_key not in shown:
            shown[product.translation_key] = product
    return [(shown[row.product.translation_key], row.note) for row in rows if row.product.translation_key in shown]
