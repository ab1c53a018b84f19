"""Fixtures for traceability: two producers with a product each, locations and batches."""

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone

from tests.module_data import built_once_per_module, fresh_copy

SHARED_GS1 = Path(__file__).resolve().parents[3] / "shared" / "data" / "gs1"


@dataclass
class Shop:
    producer: object
    producer_en: object
    product: object
    product_en: object
    variant: object
    farm: object
    kitchen: object
    batch: object


def _make_shop(parent, slug: str, gtin: str, sku: str, lot: str) -> Shop:
    from catalogue.models import ProducerPage, ProductPage, ProductVariant
    from portal.demo import upsert_page
    from traceability.models import Batch, Location, LocationKind

    producer, producer_en = upsert_page(
        parent,
        ProducerPage,
        slug=slug,
        vi={"title": f"HTX {slug}", "summary": "Hợp tác xã"},
        en={"title": f"{slug} cooperative", "summary": "A cooperative", "slug": f"{slug}-en"},
        shared={"business_type": "cooperative"},
    )
    product, product_en = upsert_page(
        producer,
        ProductPage,
        slug=f"{slug}-gao",
        vi={"title": "Gạo Nàng Hương", "summary": "Gạo thơm"},
        en={"title": "Nang Huong rice", "summary": "Fragrant rice", "slug": f"{slug}-rice"},
    )
    variant = ProductVariant.objects.create(
        product=product, name="Túi 5 kg", sku=sku, gtin=gtin, price=150_000, stock=10
    )
    farm = Location.objects.create(
        producer=producer, name=f"Ruộng {slug}", kind=LocationKind.FARM, latitude=19.9, longitude=105.6
    )
    kitchen = Location.objects.create(producer=producer, name=f"Xưởng {slug}", kind=LocationKind.PROCESSING)
    batch = Batch.objects.create(
        product=product,
        variant=variant,
        lot_number=lot,
        production_date=datetime.date(2026, 10, 1),
        expiry_date=datetime.date(2027, 10, 1),
        quantity=500,
        unit="kg",
        origin=farm,
    )
    return Shop(producer, producer_en, product, product_en, variant, farm, kitchen, batch)


def _producers_index(home_vi):
    from catalogue.models import ProducersIndexPage
    from portal.demo import upsert_page

    index, _ = upsert_page(
        home_vi,
        ProducersIndexPage,
        slug="co-so-test",
        vi={"title": "Cơ sở"},
        en={"title": "Producers", "slug": "producers-test"},
    )
    return index


@pytest.fixture(scope="module")
def built_shop(django_db_setup, django_db_blocker):
    """The producers' index and the first shop, built once for the module's tests
    (tests/module_data.py): most traceability tests start from them."""
    from portal.demo import home_pages

    def build():
        index = _producers_index(home_pages()[0])
        return index, _make_shop(index, "lua-xanh", "08934567890120", "LX-5", "LX2026-01")

    yield from built_once_per_module(django_db_blocker, build)


@pytest.fixture
def producers_index(db, built_shop):
    return fresh_copy(built_shop[0])


@pytest.fixture
def shop(db, built_shop):
    return fresh_copy(built_shop[1])


@pytest.fixture
def other_shop(producers_index):
    return _make_shop(producers_index, "nem-viet", "08934567890137", "NV-1", "NV2026-01")


@pytest.fixture
def recorded_chain(shop):
    """Three events on the shop's batch: planting, spraying, harvesting."""
    from traceability.services import record_event

    base = timezone.now() - datetime.timedelta(days=90)
    events = [
        record_event(shop.batch, activity="planting", event_time=base, location=shop.farm, description_vi="Gieo mạ"),
        record_event(
            shop.batch,
            activity="spraying",
            event_time=base + datetime.timedelta(days=30),
            location=shop.farm,
            input_product="Chế phẩm sinh học Trichoderma",
            dose="2 kg/ha",
            description_vi="Phun chế phẩm",
            description_en="Sprayed a biological agent",
        ),
        record_event(
            shop.batch,
            activity="harvesting",
            event_time=base + datetime.timedelta(days=85),
            location=shop.farm,
            quantity=500,
            sensor_readings=[{"type": "RelativeHumidity", "value": 14.5, "uom": "P1"}],
        ),
    ]
    return events


@pytest.fixture
def gs1_file():
    def get(name):
        path = SHARED_GS1 / name
        if not path.exists():
            pytest.skip(f"GS1 test data not found at {path} (../shared/data/gs1 is absent on this machine)")
        return path

    return get


@pytest.fixture(autouse=True)
def empty_scan_buffer():
    """Scans buffered by one test must not be written into the next (or after the database is gone)."""
    from traceability import scans

    scans.discard()
    yield
    scans.discard()


@pytest.fixture(autouse=True)
def fresh_trace_cache():
    """Kept trace pages are keyed by address: one test's page must not be replayed in the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
