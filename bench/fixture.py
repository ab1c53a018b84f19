"""The large fixture for `make bench`, on top of the demo content.

At scale 1: 200 producers, 10,000 products (with variants), 20,000 batches with 200,000
chained events, 1,000 attractions. Pages go through Wagtail's tree API (treebeard paths,
url_path); rows without page semantics (variants, batches, events) are bulk-inserted with
the same hash-chain functions the app uses. Prints, as its last line, the JSON of the URLs
to drive and the counts.
"""

import json
import os
import random
import sys
import time
import uuid
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from catalogue.gtin import gtin_check_digit  # noqa: E402
from catalogue.models import (  # noqa: E402
    BusinessType,
    CategoryPage,
    ProducerPage,
    ProducersIndexPage,
    ProductPage,
    ProductVariant,
)
from portal.models import Area  # noqa: E402
from tourism.models import AttractionPage, TourismIndexPage  # noqa: E402
from traceability.chain import chain_hash, event_facts, genesis_hash, sign_batch  # noqa: E402
from traceability.epcis import build_event  # noqa: E402
from traceability.models import Batch, TraceEvent, new_public_code  # noqa: E402

SCALE = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
PRODUCERS = max(2, int(200 * SCALE))
PRODUCTS_PER_PRODUCER = 50
BATCHES = int(20_000 * SCALE)
EVENTS_PER_BATCH = 10
ATTRACTIONS = int(1_000 * SCALE)
WORDS = ["gạo", "nem chua", "mắm", "bưởi", "chè", "mật ong", "chiếu cói", "nước mắm", "bánh gai", "cam", "mía", "lạc"]
STEPS = [
    "planting",
    "fertilising",
    "harvesting",
    "processing",
    "packing",
    "inspecting",
    "storing",
    "shipping",
    "receiving",
    "selling",
]
rng = random.Random(42)
CSRF_SECRET = "benchbenchbenchbenchbenchbench32"  # 32 characters, as Django's cookie holds


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def gtin13(n: int) -> str:
    body = f"893{n:09d}"
    return body + str(gtin_check_digit(body))


def make_producers_and_products() -> list[ProductPage]:
    vi = Locale.objects.get(language_code="vi")
    index = ProducersIndexPage.objects.get(locale=vi)
    categories = list(CategoryPage.objects.filter(locale=vi))
    areas = list(Area.objects.filter(locale=vi))
    products = []
    started = time.time()
    serial = 0
    for p in range(PRODUCERS):
        area = areas[p % len(areas)]
        producer = index.add_child(
            instance=ProducerPage(
                title=f"Hợp tác xã bench {p:03d}",
                slug=f"bench-producer-{p:03d}",
                locale=vi,
                business_type=BusinessType.COOPERATIVE,
                summary="Nhà sản xuất sinh ra cho phép đo hiệu năng.",
                area=area,
                latitude=area.latitude + rng.uniform(-0.05, 0.05),
                longitude=area.longitude + rng.uniform(-0.05, 0.05),
            )
        )
        with transaction.atomic():
            for _ in range(PRODUCTS_PER_PRODUCER):
                serial += 1
                word = WORDS[serial % len(WORDS)]
                product = producer.add_child(
                    instance=ProductPage(
                        title=f"{word.capitalize()} số {serial}",
                        slug=f"{slugify(word)}-{serial}",
                        locale=vi,
                        summary=f"Đặc sản {word} Thanh Hóa, lô sản xuất thử {serial}.",
                        category=categories[serial % len(categories)],
                        origin_area=area,
                        ocop_stars=rng.choice([None, 3, 4, 5]),
                        ocop_year=2024,
                    )
                )
                products.append(product)
        if p % 20 == 0:
            log(f"  producers {p}/{PRODUCERS}, products {len(products)} ({time.time() - started:.0f}s)")
    variants = []
    for n, product in enumerate(products):
        for v in range(2):
            price = rng.randrange(20, 900) * 1000
            variants.append(
                ProductVariant(
                    product=product,
                    name=f"Gói {v + 1}",
                    sku=f"BENCH-{n}-{v}",
                    gtin=gtin13(n * 2 + v).zfill(14),
                    price=price,
                    stock=rng.randrange(0, 200),
                    weight_grams=500,
                    sort_order=v,
                )
            )
    ProductVariant.objects.bulk_create(variants, batch_size=2000)
    # The listing summary the signal handlers keep in step, set in bulk here.
    for product in products:
        own = [v for v in variants if v.product_id == product.pk]
        ProductPage.objects.filter(pk=product.pk).update(
            price_min=min(v.price for v in own), in_stock=any(v.stock for v in own)
        )
    return products


def make_batches_and_events(products: list[ProductPage]) -> Batch:
    variants = {v.product_id: v for v in ProductVariant.objects.filter(sort_order=0, sku__startswith="BENCH-")}
    today = timezone.localdate()
    batches = []
    for n in range(BATCHES):
        product = products[n % len(products)]
        variant = variants[product.pk]
        batches.append(
            Batch(
                product=product,
                variant=variant,
                producer_id=product.producer_id,
                gtin=variant.gtin,
                lot_number=f"L{n:07d}",
                production_date=today - timedelta(days=n % 300),
                expiry_date=today + timedelta(days=365),
                quantity=100,
                public_code=new_public_code(),
            )
        )
    Batch.objects.bulk_create(batches, batch_size=2000)
    log(f"  batches {len(batches)}")
    now = timezone.now()
    pending = []
    for b, batch in enumerate(batches):
        previous = genesis_hash(batch)
        for s in range(EVENTS_PER_BATCH):
            event = TraceEvent(
                batch=batch,
                sequence=s + 1,
                event_type="ObjectEvent",
                action="OBSERVE",
                biz_step=STEPS[s],
                activity="",
                event_time=now - timedelta(days=EVENTS_PER_BATCH - s),
                event_timezone_offset="+07:00",
                description_vi=f"Bước {s + 1}",
                description_en=f"Step {s + 1}",
                recorded_at=now,
            )
            event.epcis = {"eventID": f"urn:uuid:{uuid.uuid4()}", **build_event(event, [])}
            event.event_id = event.epcis["eventID"]
            event.previous_hash = previous
            event.record_hash = chain_hash(previous, event_facts(event))
            previous = event.record_hash
            pending.append(event)
        batch.chain_length, batch.chain_head = EVENTS_PER_BATCH, previous
        batch.chain_signature = sign_batch(batch, EVENTS_PER_BATCH, previous)
        if len(pending) >= 20_000:
            TraceEvent.objects.bulk_create(pending)
            pending = []
            log(f"  events for {b + 1} batches")
    TraceEvent.objects.bulk_create(pending)
    Batch.objects.bulk_update(batches, ["chain_length", "chain_head", "chain_signature"], batch_size=2000)
    return batches[0]


def make_attractions() -> AttractionPage:
    vi = Locale.objects.get(language_code="vi")
    index = TourismIndexPage.objects.get(locale=vi)
    areas = list(Area.objects.filter(locale=vi))
    first = None
    for n in range(ATTRACTIONS):
        area = areas[n % len(areas)]
        page = index.add_child(
            instance=AttractionPage(
                title=f"Điểm tham quan {n}",
                slug=f"bench-attraction-{n}",
                locale=vi,
                attraction_type="nature",
                intro="Một điểm tham quan sinh ra cho phép đo.",
                area=area,
                latitude=area.latitude + rng.uniform(-0.05, 0.05),
                longitude=area.longitude + rng.uniform(-0.05, 0.05),
                price_adult=rng.randrange(0, 100) * 1000,
            )
        )
        first = first or page
    return first


def main() -> None:
    started = time.time()
    log(f"fixture at scale {SCALE}")
    products = make_producers_and_products()
    batch = make_batches_and_events(products)
    attraction = make_attractions()
    product = products[len(products) // 2]
    category = product.category
    variant = product.variants.first()
    log(f"fixture built in {time.time() - started:.0f}s")
    urls = {
        "home": "/vi/",
        "category": category.url + "?page=2",
        "product": product.url,
        "trace": f"/01/{batch.gtin}/10/{batch.lot_number}",
        "attraction": attraction.url,
        "search_facets": "/vi/search/?q=nem+chua&kind=products&ocop=4",
        # A form post with its CSRF token: the cookie's secret, sent again in the form.
        "cart_add": {
            "url": "/vi/cart/add/",
            "method": "POST",
            "body": f"variant={variant.pk}&quantity=1&csrfmiddlewaretoken={CSRF_SECRET}",
            "headers": {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={CSRF_SECRET}"},
        },
        "ids": {"product": product.pk},
        "counts": {
            "producers": ProducerPage.objects.count(),
            "products": ProductPage.objects.count(),
            "variants": ProductVariant.objects.count(),
            "batches": Batch.objects.count(),
            "events": TraceEvent.objects.count(),
            "attractions": AttractionPage.objects.count(),
            "seconds": round(time.time() - started),
        },
    }
    print(json.dumps(urls, ensure_ascii=False))


if __name__ == "__main__":
    main()
