"""Demo orders so that fulfilment screens and dashboards have something to show.

Idempotent: each order has a fixed idempotency token, so running `load_demo` again finds it.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from catalogue.models import ProductVariant
from catalogue.services import OutOfStock
from portal.places import ward_choices

from .complaints import demo as complaints_demo
from .delivery import is_perishable
from .models import (
    CarrierRate,
    DeliveryArea,
    DeliveryKind,
    DeliveryOption,
    LineStatus,
    OrderStatus,
    ShippingRate,
)
from .services import (
    CustomerDetails,
    batches_for_line,
    change_line_status,
    mark_paid,
    place_order,
    record_shipment,
)

DEMO_ORDERS = [
    {
        "token": "demo0000000000000000000000000001",
        "details": CustomerDetails(
            name="Nguyễn Thị Hằng",
            phone="0912345601",
            email="hang@example.com",
            province_code=38,
            ward_code=0,
            street="25 Lê Hoàn",
            note="Giao giờ hành chính",
            payment_method="cod",
        ),
        "items": [(0, 2), (1, 1)],
        "ship": True,
        "language": "vi",
    },
    {
        "token": "demo0000000000000000000000000002",
        "details": CustomerDetails(
            name="Emma Walker",
            phone="0387654302",
            email="emma@example.com",
            province_code=1,
            ward_code=0,
            street="18 Hang Bac",
            note="",
            payment_method="vietqr",
        ),
        "items": [(2, 1)],
        "paid": True,
        "language": "en",
    },
    {
        "token": "demo0000000000000000000000000003",
        "details": CustomerDetails(
            name="Lê Văn Tùng",
            phone="0978123403",
            email="",
            province_code=38,
            ward_code=0,
            street="Thôn 3",
            note="",
            payment_method="cod",
        ),
        "items": [(3, 1), (0, 1)],
        "language": "vi",
    },
]


@transaction.atomic
def load(command) -> None:
    from .models import Order

    ShippingRate.objects.get_or_create(
        producer=None, defaults={"fee_in_province": 25_000, "fee_elsewhere": 40_000, "free_over": 1_000_000}
    )
    variants = list(ProductVariant.objects.filter(is_active=True, stock__gte=5).order_by("sku")[:4])
    if not variants:
        command.stdout.write("orders: no products in stock, no demo orders")
        return
    admin = get_user_model().objects.filter(is_superuser=True).first()
    created = 0
    for spec in DEMO_ORDERS:
        if Order.objects.filter(idempotency_token=spec["token"]).exists():
            continue
        details = spec["details"]
        details.ward_code = ward_choices(details.province_code)[0][0]
        items = {variants[i % len(variants)].pk: qty for i, qty in spec["items"]}
        try:
            order, _ = place_order(items, details, spec["token"], language=spec["language"])
        except OutOfStock:
            continue
        created += 1
        if spec.get("paid"):
            mark_paid(order, message="demo transfer", actor=admin)
        if spec.get("ship") and admin is not None and order.status == OrderStatus.CONFIRMED:
            for line in order.lines.all():
                change_line_status(line, LineStatus.PACKED, actor=admin)
                batch = batches_for_line(line).first()  # from the traceability demo, when it has one
                if batch is not None:
                    record_shipment(line, batch, actor=admin)
                change_line_status(line, LineStatus.SHIPPED, actor=admin)
    complaints_demo.load(command, variants[0])
    options = load_delivery_options()
    command.stdout.write(f"orders: {created} demo orders created, shipping rates, {options} delivery options")


# A carrier's table for the demo: the province, then each region (orders.delivery.province_region).
DEMO_CARRIER_ROWS = [(38, "", 22_000, 2), (None, "north", 32_000, 3), (None, "central", 35_000, 4)]
DEMO_CARRIER_ELSEWHERE = (45_000, 5)


def load_delivery_options() -> int:
    """Each demo business (of the default language) without options gets some: a carrier, pick-up
    at its address, and for those selling fresh goods, its own chilled delivery to its area and
    the areas of the same kind; only those two suit fresh goods. Returns how many were created."""
    from catalogue.models import ProducerPage, ProductPage
    from portal.models import Area

    producers = [p for p in ProducerPage.objects.filter(locale__language_code="vi") if p.pk]
    fresh = {p.producer_id for p in ProductPage.objects.filter(producer__in=producers) if is_perishable(p)}
    created = 0
    for producer in producers:
        if DeliveryOption.objects.filter(producer=producer).exists():
            continue
        option = DeliveryOption.objects.create(
            producer=producer,
            kind=DeliveryKind.CARRIER,
            name="Viettel Post",
            default_fee=DEMO_CARRIER_ELSEWHERE[0],
            default_days=DEMO_CARRIER_ELSEWHERE[1],
        )
        CarrierRate.objects.bulk_create(
            CarrierRate(option=option, province_code=code, region=region, fee=fee, days=days)
            for code, region, fee, days in DEMO_CARRIER_ROWS
        )
        DeliveryOption.objects.create(
            producer=producer,
            kind=DeliveryKind.PICKUP,
            name="Nhận tại cơ sở",
            pickup_address=producer.address or producer.title,
            pickup_hours="7:00–17:00",
            suits_perishables=True,
        )
        created += 2
        if producer.pk in fresh and producer.area_id:
            own = DeliveryOption.objects.create(
                producer=producer, kind=DeliveryKind.OWN, name="Xe lạnh của cơ sở", suits_perishables=True
            )
            home = producer.area
            nearby = Area.objects.filter(locale_id=home.locale_id, region=home.region)
            DeliveryArea.objects.bulk_create(
                DeliveryArea(
                    option=own,
                    area=area,
                    fee=15_000 if area.pk == home.pk else 30_000,
                    days=1 if area.pk == home.pk else 2,
                )
                for area in nearby
            )
            created += 1
    return created
