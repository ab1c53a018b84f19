"""Data for the workspace's orders, batches and labels tests: a food product with two packs,
its batches, and orders placed through the real checkout service."""

import datetime
import itertools
import uuid
from decimal import Decimal

from catalogue.models import ProductPage
from orders.services import CustomerDetails, place_order
from tests.factories.catalogue import make_product
from traceability.seller_services import create_batch

_serial = itertools.count(1)


def food_product(seller, title="Nước mắm cốt nhĩ"):
    """A product with a shelf life (so it is food: shipped only with a batch) and two packs."""
    user, producer, producer_en = seller
    product = make_product(
        producer, title=title, variants=((120_000, 10), (60_000, 20)), en_producer=producer_en, title_en="Fish sauce"
    )
    ProductPage.objects.filter(translation_key=product.translation_key).update(shelf_life_days=365)
    return ProductPage.objects.get(pk=product.pk)


def batch_of(seller, product, lot="", made=datetime.date(2026, 11, 20)):
    variant = product.variants.order_by("sort_order").first()
    return create_batch(
        seller[1],
        product=product,
        variant=variant,
        lot_number=lot,
        production_date=made,
        expiry_date=made + datetime.timedelta(days=365),
        quantity=Decimal("200"),
        unit="l",
        new_place="Xưởng ủ chượp",
    )


def order_of(*variants, method="cod", name="Lê Thị Mai", phone="0987654321"):
    details = CustomerDetails(
        name=name,
        phone=phone,
        email="",
        province_code=38,
        ward_code=14758,
        street=f"{next(_serial)} Trần Phú",
        note="Gọi trước khi giao",
        payment_method=method,
    )
    order, _created = place_order({v.pk: 1 for v in variants}, details, uuid.uuid4().hex)
    return order
