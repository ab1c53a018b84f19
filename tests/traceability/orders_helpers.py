"""Minimal orders for recall-reach tests (the orders app owns checkout; these are direct rows)."""

import itertools

_counter = itertools.count(1)


def make_order_with_line(variant, batch=None):
    from orders.models import Order, OrderLine

    n = next(_counter)
    order = Order.objects.create(
        code=f"TRC{n:05d}",
        idempotency_token=f"trace-test-{n}",
        payment_method="cod",
        name="Nguyễn Văn A",
        phone="0912345678",
        province_code=38,
        ward_code=14758,
        street="1 Lê Lợi",
        subtotal=variant.price,
        shipping_total=0,
        total=variant.price,
    )
    OrderLine.objects.create(
        order=order,
        variant=variant,
        producer=variant.product.producer,
        product_title=variant.product.title,
        variant_name=variant.name,
        sku=variant.sku,
        unit_price=variant.price,
        quantity=1,
        status="shipped",
        batch=batch,
    )
    return order
