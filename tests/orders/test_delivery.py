"""Delivery options, fees and dates (orders.delivery): one computation for the product page's
estimate, the cart and checkout."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from orders.delivery import (
    STANDARD_KEY,
    Parcel,
    delivery_date,
    local_today,
    parse_province,
    quotes_by_producer,
)
from orders.models import CarrierRate, DeliveryArea, DeliveryKind, DeliveryOption, DeliveryProfile, Order
from orders.services import CustomerDetails, place_order
from portal.places import ward_choices

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_order_shop")

HOME, HANOI, HCMC, HUE = 38, 1, 79, 46


@pytest.fixture
def areas(site_pages):
    from wagtail.models import Locale

    from portal.models import Area

    vi = Locale.objects.get(language_code="vi")
    return [
        Area.objects.create(name=name, slug=slug, locale=vi, region="coastal", latitude=19.8, longitude=105.9)
        for name, slug in (("Sầm Sơn", "sam-son"), ("Nga Sơn", "nga-son"))
    ]


def carrier(producer, *, suits_perishables=False, default=(35_000, 3), rows=()):
    option = DeliveryOption.objects.create(
        producer=producer,
        kind=DeliveryKind.CARRIER,
        name="Viettel Post",
        suits_perishables=suits_perishables,
        default_fee=default[0] if default else None,
        default_days=default[1] if default else None,
    )
    for where, fee, days in rows:
        if isinstance(where, int):
            CarrierRate.objects.create(option=option, province_code=where, fee=fee, days=days)
        else:
            CarrierRate.objects.create(option=option, region=where, fee=fee, days=days)
    return option


def own_delivery(producer, areas, fees=(15_000, 30_000)):
    option = DeliveryOption.objects.create(
        producer=producer, kind=DeliveryKind.OWN, name="Xe nhà", suits_perishables=True
    )
    for area, fee in zip(areas, fees, strict=True):
        DeliveryArea.objects.create(option=option, area=area, fee=fee, days=1)
    return option


def pickup(producer):
    return DeliveryOption.objects.create(
        producer=producer,
        kind=DeliveryKind.PICKUP,
        name="Lấy tại cơ sở",
        pickup_address="12 Trần Phú, Sầm Sơn",
        pickup_hours="7:00–17:00",
        suits_perishables=True,
    )


def quotes(producer, province, subtotal=100_000, perishable=False):
    return quotes_by_producer({producer.pk: Parcel(subtotal, perishable)}, province)[producer.pk]


def test_carrier_fee_comes_from_the_province_then_its_region_then_the_fee_elsewhere(shop):
    carrier(shop.producer_a, rows=[(HOME, 20_000, 1), ("south", 45_000, 4)])
    assert [(q.fee, q.days) for q in quotes(shop.producer_a, HOME)] == [(20_000, 1)]
    assert [(q.fee, q.days) for q in quotes(shop.producer_a, HCMC)] == [(45_000, 4)]
    assert [(q.fee, q.days) for q in quotes(shop.producer_a, HANOI)] == [(35_000, 3)]


def test_a_carrier_without_a_fee_elsewhere_does_not_reach_unlisted_provinces(shop):
    carrier(shop.producer_a, default=None, rows=[("north", 30_000, 2)])
    assert quotes(shop.producer_a, HANOI)[0].fee == 30_000
    assert quotes(shop.producer_a, HUE) == []


def test_own_delivery_is_quoted_per_area_and_only_within_the_province(shop, areas):
    own_delivery(shop.producer_a, areas)
    home = quotes(shop.producer_a, HOME)
    assert [(q.label, q.fee) for q in home] == [("Xe nhà — Sầm Sơn", 15_000), ("Xe nhà — Nga Sơn", 30_000)]
    assert quotes(shop.producer_a, HANOI) == []


def test_free_over_threshold_makes_delivery_free_from_that_subtotal(shop):
    carrier(shop.producer_a, rows=[(HOME, 20_000, 1)])
    DeliveryProfile.objects.create(producer=shop.producer_a, free_over=500_000)
    assert quotes(shop.producer_a, HOME, subtotal=499_999)[0].fee == 20_000
    assert quotes(shop.producer_a, HOME, subtotal=500_000)[0].fee == 0


def test_cheapest_delivery_comes_first_and_pickup_last(shop, areas):
    pickup(shop.producer_a)
    carrier(shop.producer_a, rows=[(HOME, 25_000, 2)])
    own_delivery(shop.producer_a, areas)
    keys = [(q.kind, q.fee) for q in quotes(shop.producer_a, HOME)]
    assert keys == [("own", 15_000), ("carrier", 25_000), ("own", 30_000), ("pickup", 0)]


def test_a_perishable_parcel_is_offered_only_options_that_suit_fresh_goods(shop, areas):
    carrier(shop.producer_a, rows=[(HOME, 20_000, 1)])
    own_delivery(shop.producer_a, areas)
    assert {q.kind for q in quotes(shop.producer_a, HOME, perishable=True)} == {"own"}
    assert quotes(shop.producer_a, HCMC, perishable=True) == []
    assert {q.kind for q in quotes(shop.producer_a, HCMC)} == {"carrier"}


def test_a_business_without_options_is_quoted_from_the_shipping_rate_table(shop):
    from orders.models import ShippingRate

    ShippingRate.objects.create(producer=None, fee_in_province=20_000, fee_elsewhere=35_000, free_over=300_000)
    home, elsewhere = quotes(shop.producer_a, HOME), quotes(shop.producer_a, HUE)
    assert [(q.key, q.fee) for q in home + elsewhere] == [(STANDARD_KEY, 20_000), (STANDARD_KEY, 35_000)]
    assert quotes(shop.producer_a, HUE, subtotal=300_000)[0].fee == 0


@pytest.mark.parametrize(
    "today, days, expected",
    [
        # Saturday + 2: Sunday is not counted.
        (datetime.date(2026, 12, 5), 2, datetime.date(2026, 12, 8)),
        # Wednesday 29/4 + 1: 30/4 and 1/5 are holidays; Saturday 2/5 counts.
        (datetime.date(2026, 4, 29), 1, datetime.date(2026, 5, 2)),
        # Tết 2027 is 6 February: 5–9 February are holidays, then Wednesday 10.
        (datetime.date(2027, 2, 4), 1, datetime.date(2027, 2, 10)),
        # National Day: 1/9 and 2/9 (Tuesday and Wednesday in 2026).
        (datetime.date(2026, 8, 31), 1, datetime.date(2026, 9, 3)),
        # Pick-up the same day is no delivery day at all.
        (datetime.date(2026, 12, 7), 0, datetime.date(2026, 12, 7)),
    ],
)
def test_estimated_date_counts_delivery_days_skipping_sundays_and_public_holidays(today, days, expected):
    assert delivery_date(days, today) == expected


def test_today_is_the_date_in_ho_chi_minh_city(monkeypatch):
    from django.utils import timezone

    # 18:30 UTC on Saturday 5 December is 01:30 on Sunday 6 December in Vietnam.
    moment = datetime.datetime(2026, 12, 5, 18, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    assert local_today() == datetime.date(2026, 12, 6)
    assert delivery_date(1) == datetime.date(2026, 12, 7)


@pytest.mark.parametrize("raw", ["", "99", "abc", "38x", None, "0"])
def test_a_province_that_is_not_one_of_the_34_is_refused(raw):
    with pytest.raises(ValidationError) as error:
        parse_province(raw)
    assert error.value.code == "province_unknown"


def _details(province=HOME, delivery=None):
    return CustomerDetails(
        name="Lê Văn An",
        phone="0912345678",
        email="",
        province_code=province,
        ward_code=ward_choices(province)[0][0],
        street="1 Lê Lợi",
        note="",
        payment_method="cod",
        delivery=delivery,
    )


def test_order_records_the_chosen_delivery_per_business_and_pickup_is_free(shop, areas):
    option = pickup(shop.producer_a)
    carrier(shop.producer_a, rows=[(HOME, 20_000, 1)])
    carrier(shop.producer_b, rows=[(HOME, 30_000, 2)])
    items = {shop.variant_a.pk: 2, shop.variant_b.pk: 1}
    order, created = place_order(items, _details(delivery={shop.producer_a.pk: str(option.pk)}), "a" * 32)
    assert created and order.shipping_total == 30_000
    deliveries = {d.producer_id: d for d in order.deliveries.all()}
    assert deliveries[shop.producer_a.pk].kind == "pickup" and deliveries[shop.producer_a.pk].fee == 0
    assert deliveries[shop.producer_a.pk].pickup_address == "12 Trần Phú, Sầm Sơn"
    assert deliveries[shop.producer_b.pk].fee == 30_000
    assert deliveries[shop.producer_b.pk].estimated_date == delivery_date(2, local_today())


def test_a_perishable_order_to_a_province_no_suitable_option_reaches_is_refused(shop, areas):
    shop.product_a.shelf_life_days = 5
    shop.product_a.save()
    carrier(shop.producer_a, rows=[("south", 45_000, 4)])
    own_delivery(shop.producer_a, areas)
    with pytest.raises(ValidationError) as error:
        place_order({shop.variant_a.pk: 1}, _details(province=HCMC), "b" * 32)
    assert error.value.code == "delivery_unavailable"
    assert not Order.objects.exists()
    shop.variant_a.refresh_from_db()
    assert shop.variant_a.stock == 20


def test_a_delivery_key_of_another_business_is_refused(shop):
    other = carrier(shop.producer_b, rows=[(HOME, 30_000, 2)])
    carrier(shop.producer_a, rows=[(HOME, 20_000, 1)])
    with pytest.raises(ValidationError):
        place_order({shop.variant_a.pk: 1}, _details(delivery={shop.producer_a.pk: str(other.pk)}), "c" * 32)
