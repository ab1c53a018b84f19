"""Direct rows for workspace tests (checkout, the board and traceability have their own tests)."""

import datetime
import itertools

from django.utils import timezone

from orders.models import Order, OrderLine
from traceability.models import Batch
from trade.models import Inquiry, Offer, Status

_counter = itertools.count(1)


def make_order(variant, *, quantity=1, payment_method="cod", payment_status="unpaid", status="confirmed", ago_days=0):
    n = next(_counter)
    created = timezone.now() - datetime.timedelta(days=ago_days)
    order = Order.objects.create(
        code=f"SEL{n:05d}",
        idempotency_token=f"seller-test-{n}",
        status=status,
        payment_method=payment_method,
        payment_status=payment_status,
        name="Nguyễn Thị Bình",
        phone="0912345678",
        province_code=38,
        ward_code=14758,
        street="1 Lê Lợi",
        subtotal=variant.price * quantity,
        shipping_total=0,
        total=variant.price * quantity,
        created_at=created,
    )
    line = OrderLine.objects.create(
        order=order,
        variant=variant,
        producer=variant.product.producer,
        product_title=variant.product.title,
        variant_name=variant.name,
        sku=variant.sku,
        unit_price=variant.price,
        quantity=quantity,
    )
    return order, line


def make_batch(product, lot="LOT-1"):
    return Batch.objects.create(
        product=product,
        variant=product.variants.first(),
        lot_number=lot,
        production_date=datetime.date(2026, 11, 1),
        quantity=100,
    )


def make_offer(owner, producer, title="Bán nước mắm"):
    return Offer.objects.create(
        owner=owner,
        producer=producer,
        title_vi=title,
        description_vi="Giao tận nơi.",
        quantity=100,
        unit="kg",
        price_per_unit=50000,
        status=Status.OPEN,
        available_until=timezone.localdate() + datetime.timedelta(days=30),
    )


def make_inquiry(offer, sender, message="Còn hàng không?"):
    return Inquiry.objects.create(offer=offer, sender=sender, message=message)
