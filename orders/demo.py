"""Demo orders so that fulfilment screens and dashboards have something to show.

Idempotent: each order has a fixed idempotency token, so running `load_demo` again finds it.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from catalogue.models import ProductVariant
from catalogue.services import OutOfStock
from portal.places import ward_choices

from .models import LineStatus, OrderStatus, ShippingRate
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
    command.stdout.write(f"orders: {created} demo orders created, shipping rates")
