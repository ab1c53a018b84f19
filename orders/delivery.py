"""Delivery fees and estimated dates: the one computation behind the product page's estimate,
the cart's fee per business and checkout (and so the order's shipping total).

A business offers options (orders.delivery_models): its own delivery to a list of areas of the
province, a carrier with a fee table by province or region, pick-up at its address. A business
that has set none is quoted from the older `ShippingRate` table (orders.shipping) as "standard
delivery", so a site keeps selling while its businesses fill their options in.

Fresh goods: a product that keeps `PERISHABLE_MAX_DAYS` days or fewer (its shelf life) only
travels by options the business marks as suiting fresh goods.

Dates: N delivery days after the day of the order, in Asia/Ho_Chi_Minh. Counting starts the next
day; Sundays and public holidays (1/1, 30/4, 1/5, 1/9, 2/9, Tết from the day before it to its
fourth day, and the Hùng Kings' day, 10/3 lunar) are not delivery days.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from vietnam_provinces import Province

from tourism.lunar import recurring_lunar_to_solar, tet

from .delivery_models import CountryRegion, DeliveryArea, DeliveryKind, DeliveryOption, DeliveryProfile
from .shipping import rates_for

PERISHABLE_MAX_DAYS = 10
PICKUP_READY_DAYS = 1
# Days quoted for the `ShippingRate` fallback, which has fees only.
FALLBACK_DAYS_IN_PROVINCE = 2
FALLBACK_DAYS_ELSEWHERE = 4
STANDARD_KEY = "standard"
DELIVERY_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
PROVINCE_COOKIE = "delivery_province"

_REGIONS = {
    CountryRegion.NORTH: {1, 4, 8, 11, 12, 14, 15, 19, 20, 22, 24, 25, 31, 33, 37},
    CountryRegion.CENTRAL: {38, 40, 42, 44, 46, 48, 51, 52, 56, 66, 68},
    CountryRegion.SOUTH: {75, 79, 80, 82, 86, 91, 92, 96},
}


# --- places -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def province_codes() -> frozenset[int]:
    return frozenset(int(p.code) for p in Province.iter_all())


def province_region(code: int) -> str:
    return next((region for region, codes in _REGIONS.items() if code in codes), "")


def parse_province(raw) -> int:
    """The province code of a query parameter, form field or cookie (one of the 34 of 2025)."""
    try:
        code = int(str(raw).strip())
    except (TypeError, ValueError):
        code = None
    if code not in province_codes():
        raise ValidationError(_("Choose one of the provinces in the list."), code="province_unknown")
    return code


def remembered_province(request) -> int:
    """The province the shopper chose before (the cookie), else the site's own."""
    try:
        return parse_province(request.COOKIES.get(PROVINCE_COOKIE, ""))
    except ValidationError:
        return settings.PROVINCE_CODE


def remember_province(response, code: int) -> None:
    # Read by the product page's script too, so not HttpOnly; it holds only a province code.
    response.set_cookie(PROVINCE_COOKIE, str(code), max_age=365 * 24 * 3600, samesite="Lax", httponly=False)


# --- dates ------------------------------------------------------------------------------


def local_today() -> date:
    return timezone.now().astimezone(DELIVERY_TIME_ZONE).date()


@lru_cache(maxsize=16)
def public_holidays(year: int) -> frozenset[date]:
    days = {date(year, 1, 1), date(year, 4, 30), date(year, 5, 1), date(year, 9, 1), date(year, 9, 2)}
    new_year = tet(year)
    days.update(new_year + timedelta(days=offset) for offset in range(-1, 4))
    days.add(recurring_lunar_to_solar(year, 3, 10))
    return frozenset(days)


def is_delivery_day(day: date) -> bool:
    return day.weekday() != 6 and day not in public_holidays(day.year)


def delivery_date(days: int, today: date | None = None) -> date:
    """The day a parcel sent `days` delivery days after `today` arrives (see the module's rule)."""
    day = today or local_today()
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_delivery_day(day):
            remaining -= 1
    return day


# --- products -----------------------------------------------------------------------------


def is_perishable(product) -> bool:
    """Fresh goods: a product that keeps PERISHABLE_MAX_DAYS days or fewer."""
    days = getattr(product, "shelf_life_days", None)
    return days is not None and days <= PERISHABLE_MAX_DAYS


# --- quotes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Parcel:
    """What one business sends: its lines' subtotal, and whether any of them is fresh."""

    subtotal: int
    perishable: bool = False


@dataclass(frozen=True)
class Quote:
    key: str  # "<option id>", "<option id>:<area id>" for own delivery, or STANDARD_KEY
    kind: str
    name: str
    fee: int
    days: int
    suits_perishables: bool
    area: str = ""
    pickup_address: str = ""
    pickup_hours: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} — {self.area}" if self.area else self.name

    @property
    def is_pickup(self) -> bool:
        return self.kind == DeliveryKind.PICKUP

    def arrives(self, today: date | None = None) -> date:
        return delivery_date(self.days, today)


def _option_name(option: DeliveryOption) -> str:
    return option.name or str(option.get_kind_display())


def _option_quotes(option: DeliveryOption, province_code: int, free: bool) -> list[Quote]:
    common = {"kind": option.kind, "name": _option_name(option), "suits_perishables": option.suits_perishables}
    if option.kind == DeliveryKind.PICKUP:
        return [
            Quote(
                key=str(option.pk),
                fee=0,
                days=PICKUP_READY_DAYS,
                pickup_address=option.pickup_address,
                pickup_hours=option.pickup_hours,
                **common,
            )
        ]
    if option.kind == DeliveryKind.OWN:
        if province_code != settings.PROVINCE_CODE:  # the areas are the site's province's
            return []
        return [
            Quote(
                key=f"{option.pk}:{row.area_id}",
                fee=0 if free else row.fee,
                days=row.days,
                area=row.area.name,
                **common,
            )
            for row in option.areas.all()
        ]
    rates = {(row.province_code, row.region): row for row in option.rates.all()}
    row = rates.get((province_code, "")) or rates.get((None, province_region(province_code)))
    fee, days = (row.fee, row.days) if row else (option.default_fee, option.default_days)
    if fee is None or days is None:
        return []
    return [Quote(key=str(option.pk), fee=0 if free else fee, days=days, **common)]


def _standard_quote(rate, parcel: Parcel, province_code: int) -> Quote:
    in_province = province_code == settings.PROVINCE_CODE
    return Quote(
        key=STANDARD_KEY,
        kind=DeliveryKind.CARRIER,
        name=_("Standard delivery"),
        fee=rate.fee_for(parcel.subtotal, province_code),
        days=FALLBACK_DAYS_IN_PROVINCE if in_province else FALLBACK_DAYS_ELSEWHERE,
        suits_perishables=True,
    )


def quotes_by_producer(parcels: dict[int, Parcel], province_code: int) -> dict[int, list[Quote]]:
    """{producer id: the quotes for its parcel to the province}, cheapest first; an empty list
    when it cannot send there (or not fresh goods). Four queries whatever the number of businesses."""
    ids = list(parcels)
    options: dict[int, list[DeliveryOption]] = {pk: [] for pk in ids}
    rows = DeliveryOption.objects.filter(producer_id__in=ids, active=True).prefetch_related(
        Prefetch("areas", queryset=DeliveryArea.objects.select_related("area")), "rates"
    )
    for option in rows:
        options[option.producer_id].append(option)
    free_over = dict(DeliveryProfile.objects.filter(producer_id__in=ids).values_list("producer_id", "free_over"))
    without_options = [pk for pk in ids if not options[pk]]
    rates = rates_for(without_options) if without_options else {}
    result = {}
    for pk, parcel in parcels.items():
        if not options[pk]:
            quotes = [_standard_quote(rates[pk], parcel, province_code)]
        else:
            threshold = free_over.get(pk)
            free = bool(threshold) and parcel.subtotal >= threshold
            quotes = [quote for option in options[pk] for quote in _option_quotes(option, province_code, free)]
        if parcel.perishable:
            quotes = [quote for quote in quotes if quote.suits_perishables]
        result[pk] = sorted(quotes, key=lambda q: (q.is_pickup, q.fee, q.days, q.label))
    return result


def default_quote(quotes: Iterable[Quote]) -> Quote | None:
    """What the cart counts before the shopper chooses: the cheapest delivery, else pick-up."""
    quotes = list(quotes)
    return next((q for q in quotes if not q.is_pickup), quotes[0] if quotes else None)


def chosen_quote(quotes: Iterable[Quote], key: str | None) -> Quote | None:
    """The quote the shopper chose (by key), or the default when they have not chosen."""
    quotes = list(quotes)
    if not key:
        return default_quote(quotes)
    return next((q for q in quotes if q.key == key), None)


def parcels_of(lines: Iterable[tuple[object, int, int]]) -> dict[int, Parcel]:
    """{producer id: Parcel} from (product, unit price, quantity) of each line."""
    totals: dict[int, list] = {}
    for product, price, quantity in lines:
        entry = totals.setdefault(product.producer_id, [0, False])
        entry[0] += price * quantity
        entry[1] = entry[1] or is_perishable(product)
    return {pk: Parcel(subtotal, perishable) for pk, (subtotal, perishable) in totals.items()}
