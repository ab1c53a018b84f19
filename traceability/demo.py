"""Demo batches with realistic event chains (rice field → package, pork → nem chua, honey, fish sauce).

No demo batch is recalled: the producers are real businesses.

Products are looked up by slug; a product the catalogue demo does not have is skipped.
Idempotent: batches and locations are found by their natural keys, and a batch's events are
recorded only when it has none yet.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from .models import Batch, Location
from .services import record_event

DATA = Path(__file__).resolve().parent / "demo_data" / "batches.json"


def _product(slugs):
    from catalogue.models import ProductPage

    for slug in slugs:
        product = ProductPage.objects.filter(slug=slug, locale=Locale.get_default()).select_related("producer").first()
        if product is not None and product.producer_id:
            return product
    return None


def _time(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


def load(command) -> None:
    data = json.loads(DATA.read_text())
    made = skipped = 0
    locations_by_producer: dict[int, dict[str, Location]] = {}
    for spec in data["batches"]:
        product = _product([spec["product"], *spec.get("fallback_products", [])])
        if product is None:
            skipped += 1
            continue
        with transaction.atomic():
            places = locations_by_producer.setdefault(product.producer_id, {})
            for key, loc in spec.get("locations", {}).items():
                places[key], _ = Location.objects.get_or_create(
                    producer=product.producer,
                    name=loc["name"],
                    defaults={
                        "kind": loc["kind"],
                        "address": loc["address"],
                        "latitude": loc["lat"],
                        "longitude": loc["lng"],
                    },
                )
            variants = list(product.variants.order_by("sort_order", "pk"))
            index = spec.get("variant_index")
            variant = variants[index] if index is not None and index < len(variants) else None
            batch, created = Batch.objects.get_or_create(
                product=product,
                lot_number=spec["lot"],
                defaults={
                    "variant": variant,
                    "production_date": datetime.date.fromisoformat(spec["production_date"]),
                    "expiry_date": datetime.date.fromisoformat(spec["expiry_date"]),
                    "quantity": Decimal(spec["quantity"]),
                    "unit": spec["unit"],
                    "origin": places.get(spec.get("origin")),
                },
            )
            made += created
            if not batch.events.exists():
                for event in spec["events"]:
                    inputs = [
                        (Batch.objects.get(product=product, lot_number=lot), None) for lot in event.get("inputs", [])
                    ]
                    record_event(
                        batch,
                        activity=event["activity"],
                        event_time=_time(event["time"]),
                        location=places.get(event.get("location")),
                        description_vi=event["vi"],
                        description_en=event["en"],
                        input_product=event.get("input_product", ""),
                        dose=event.get("dose", ""),
                        quantity=Decimal(event["quantity"]) if event.get("quantity") else None,
                        sensor_readings=event.get("sensor", []),
                        inputs=inputs,
                        event_type="ObjectEvent" if event.get("skip_inputs") else "",
                        action="OBSERVE" if event.get("skip_inputs") else None,
                    )
    command.stdout.write(
        f"traceability: {made} new batches, {skipped} skipped (product missing), {timezone.now():%H:%M}"
    )
