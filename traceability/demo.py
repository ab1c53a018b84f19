"""Demo batches with realistic event chains (rice field → package, pork → nem chua, honey, fish sauce),
and one batch for every other food product of the catalogue demo, made from the product itself
(its first pack, its shelf life, its storage advice), so that nothing on a trace page
contradicts the product page.

One generated batch is recalled as a drill, and says so: the producers are real businesses.

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
            produced = datetime.date.fromisoformat(spec["production_date"])
            batch, created = Batch.objects.get_or_create(
                product=product,
                lot_number=spec["lot"],
                defaults={
                    "variant": variant,
                    "production_date": produced,
                    "expiry_date": _expiry(product, produced, spec["expiry_date"]),
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
    generated = _generate_for_food_products()
    command.stdout.write(
        f"traceability: {made} new batches, {generated} generated, {skipped} skipped (product missing), "
        f"{timezone.now():%H:%M}"
    )


def _expiry(product, produced: datetime.date, fallback: str) -> datetime.date:
    """A batch keeps as long as its product page says (shelf life in days)."""
    if product.shelf_life_days:
        return produced + datetime.timedelta(days=product.shelf_life_days)
    return datetime.date.fromisoformat(fallback)


RECALL_DRILL = "banh-la-ha-lai"
FIRST_STEP_TEXT = {
    "harvesting": ("Thu hái, sơ chế tại cơ sở.", "Harvested and prepared on site."),
    "processing": ("Chế biến theo quy trình của cơ sở.", "Made following the producer's own process."),
}
HARVESTED = {"trai-cay", "mat-ong-lam-san"}


def _lot_prefix(slug: str) -> str:
    return "".join(word[0] for word in slug.split("-")[:4]).upper()


def _generate_for_food_products() -> int:
    """One batch for each food product (it has a shelf life) that has none yet."""
    from catalogue.models import ProductPage

    made = 0
    products = (
        ProductPage.objects.filter(locale=Locale.get_default(), shelf_life_days__isnull=False)
        .select_related("producer")
        .order_by("pk")
    )
    for product in products:
        variant = product.variants.order_by("sort_order", "pk").first()
        if variant is None or product.producer_id is None:
            continue
        if Batch.objects.filter(product=product).exists():
            continue
        with transaction.atomic():
            _generated_batch(product, variant)
        made += 1
    drill = Batch.objects.filter(product__slug=RECALL_DRILL, status="active").first()
    if drill is not None:
        from .services import recall_batch

        recall_batch(
            drill,
            "Diễn tập thu hồi trên dữ liệu minh họa, không phải thu hồi thật. "
            "Recall drill on demo data: not a real recall.",
        )
    return made


def _generated_batch(product, variant) -> Batch:
    producer = product.producer
    place, _ = Location.objects.get_or_create(
        producer=producer,
        name=f"Cơ sở sản xuất {producer.title}"[:200],
        defaults={"kind": "processing", "address": producer.address},
    )
    shelf = product.shelf_life_days
    # Made recently enough to be on sale today: a fifth of its shelf life ago, at most a month.
    produced = timezone.localdate() - datetime.timedelta(days=max(1, min(shelf // 5, 30)))
    packs = 200
    batch = Batch.objects.create(
        product=product,
        variant=variant,
        lot_number=f"{_lot_prefix(product.slug)}-{produced:%y%m%d}",
        production_date=produced,
        expiry_date=produced + datetime.timedelta(days=shelf),
        quantity=Decimal(packs),
        unit="pack",
        origin=place,
    )
    english = variant.name_en or variant.name
    day = datetime.datetime.combine(
        produced, datetime.time(7, 0), tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    translation = product.get_translation_or_none(Locale.objects.filter(language_code="en").first())
    storage_en = translation.storage if translation is not None else ""
    first = "harvesting" if product.category_id and product.category.slug in HARVESTED else "processing"
    steps = [
        (first, day, None, *FIRST_STEP_TEXT[first]),
        (
            "inspecting",
            day + datetime.timedelta(hours=3),
            None,
            "Kiểm tra cảm quan, ghi sổ lô.",
            "Checked by look, smell and taste; batch log kept.",
        ),
        (
            "packing",
            day + datetime.timedelta(hours=6),
            packs,
            f"Đóng gói {packs} × {variant.name}.",
            f"Packed {packs} × {english}.",
        ),
        ("storing", day + datetime.timedelta(hours=8), None, product.storage or "Nhập kho.", storage_en or "Stored."),
    ]
    for activity, when, quantity, vi, en in steps:
        record_event(
            batch,
            activity=activity,
            event_time=when,
            location=place,
            quantity=Decimal(quantity) if quantity else None,
            description_vi=vi,
            description_en=en,
        )
    return batch
