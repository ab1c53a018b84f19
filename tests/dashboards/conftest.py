"""A small known world for the dashboards: four businesses, their products, batches, orders,
board posts, scans and page views, with figures worked out by hand in the tests."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import GroupPagePermission

from tests.module_data import built_once_per_module, fresh_copy

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# The period the exact-figure tests ask for: September and October 2026.
PERIOD = {"start": "2026-09-01", "end": "2026-10-31"}


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


@dataclass
class World:
    index: object
    producers: dict = field(default_factory=dict)  # letter -> vi ProducerPage
    producers_en: dict = field(default_factory=dict)
    products: dict = field(default_factory=dict)  # letter -> vi ProductPage
    products_en: dict = field(default_factory=dict)
    variants: dict = field(default_factory=dict)
    batches: dict = field(default_factory=dict)
    areas: tuple = ()  # ((vi, en) of area X, (vi, en) of area Y)
    orders: list = field(default_factory=list)


@pytest.fixture(autouse=True)
def fresh_cache_and_buffers():
    """Aggregates are cached and views buffered; no test may see another's."""
    from dashboards import pageviews

    cache.clear()
    pageviews.discard()
    yield
    cache.clear()
    pageviews.discard()


def _area(slug, name_vi, name_en, region):
    from portal.demo import locales
    from portal.models import Area

    vi_locale, en_locale = locales()
    vi = Area.objects.create(slug=slug, name=name_vi, locale=vi_locale, region=region, latitude=19.9, longitude=105.8)
    en = vi.copy_for_translation(en_locale)
    en.name = name_en
    en.save()
    return vi, en


def _order(code, created, lines, status="confirmed"):
    from orders.models import Order, OrderLine

    subtotal = sum(v.price * q for v, q, _s in lines)
    order = Order.objects.create(
        code=code,
        idempotency_token=code,
        status=status,
        payment_method="cod",
        name="Lê Văn An",
        phone="0912345678",
        province_code=38,
        ward_code=14758,
        street="1 Lê Lợi",
        subtotal=subtotal,
        shipping_total=0,
        total=subtotal,
        created_at=created,
    )
    for variant, quantity, line_status in lines:
        OrderLine.objects.create(
            order=order,
            variant=variant,
            producer=variant.product.producer,
            product_title=variant.product.title,
            variant_name=variant.name,
            sku=variant.sku,
            unit_price=variant.price,
            quantity=quantity,
            status=line_status,
        )
    return order


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """The world below, built once for the module's tests (tests/module_data.py)."""
    from portal.demo import home_pages

    yield from built_once_per_module(django_db_blocker, lambda: _build_world(*home_pages()))


@pytest.fixture
def world(db, built_world):
    """The world, as this test's own copy of the objects (the rows are the module's)."""
    return fresh_copy(built_world)


def _build_world(home_vi, _home_en) -> World:
    """Businesses A–D (vi, with English translations):

    A  food (shelf life), area X, a batch with an event recorded today, in stock, an open offer
    B  food, area X, its only event recorded 100 days ago, out of stock, a closed request whose
       inquiry it answered 10 days ago; its batch was recalled on 20 October 2026
    C  not food (no shelf life), area Y, in stock, nothing on the board
    D  food, area X, no batch, its only variant is off sale
    """
    from catalogue.models import ProducerPage, ProducersIndexPage, ProductPage, ProductVariant
    from portal.demo import upsert_page
    from traceability.models import Batch, Location
    from traceability.services import record_event
    from trade.models import Inquiry, Offer, Request, Status

    index, _ = upsert_page(
        home_vi,
        ProducersIndexPage,
        slug="co-so-db",
        vi={"title": "Cơ sở"},
        en={"title": "Producers", "slug": "producers-db"},
    )
    area_x = _area("xa-x", "Huyện X", "X District", "delta")
    area_y = _area("xa-y", "Huyện Y", "Y District", "coastal")
    w = World(index=index, areas=(area_x, area_y))
    spec = {
        "a": (area_x, 30, 20, True),
        "b": (area_x, 60, 0, True),
        "c": (area_y, None, 5, True),
        "d": (area_x, 90, 7, False),
    }
    for letter, (area, shelf_life, stock, active) in spec.items():
        producer, producer_en = upsert_page(
            index,
            ProducerPage,
            slug=f"cs-{letter}",
            vi={"title": f"Cơ sở {letter.upper()}"},
            en={"title": f"Business {letter.upper()}", "slug": f"business-{letter}"},
            shared={"business_type": "household", "area": area[0]},
        )
        product, product_en = upsert_page(
            producer,
            ProductPage,
            slug=f"sp-{letter}",
            vi={"title": f"Sản phẩm {letter.upper()}", "summary": "Đặc sản"},
            en={"title": f"Product {letter.upper()}", "summary": "Speciality", "slug": f"product-{letter}"},
            shared={"shelf_life_days": shelf_life, "ocop_stars": {"a": 4, "b": 4, "c": 3, "d": None}[letter]},
        )
        variant = ProductVariant.objects.create(
            product=product, name="Gói", sku=f"SKU-{letter}", price=50_000, stock=stock, is_active=active
        )
        w.producers[letter], w.producers_en[letter] = producer, producer_en
        w.products[letter], w.products_en[letter] = ProductPage.objects.get(pk=product.pk), product_en
        w.variants[letter] = variant
    # A second, cheaper variant of A with low stock (2 left).
    w.variants["a2"] = ProductVariant.objects.create(
        product=w.products["a"], name="Gói nhỏ", sku="SKU-a2", price=20_000, stock=2
    )

    now = timezone.now()
    for letter, recorded in (("a", now), ("b", now - datetime.timedelta(days=100))):
        batch = Batch.objects.create(
            product=w.products[letter],
            variant=w.variants[letter],
            lot_number=f"LOT-{letter.upper()}",
            production_date=datetime.date(2026, 8, 1),
            quantity=100,
            unit="kg",
        )
        record_event(batch, activity="harvesting", event_time=recorded, now=recorded)
        w.batches[letter] = batch
    # A's batch comes from a farm in area Y: its scans count toward Y, not A's own area X.
    farm = Location.objects.create(producer=w.producers["a"], name="Ruộng", kind="farm", area=area_y[0])
    Batch.objects.filter(pk=w.batches["a"].pk).update(origin=farm)
    Batch.objects.filter(pk=w.batches["b"].pk).update(
        status="recalled", recall_reason="Nhiễm khuẩn", recalled_at=at("2026-10-20")
    )

    owner_a = get_user_model().objects.create_user("owner-a")
    owner_b = get_user_model().objects.create_user("owner-b")
    buyer = get_user_model().objects.create_user("buyer")
    today = timezone.localdate()
    offer = Offer.objects.create(
        owner=owner_a,
        producer=w.producers["a"],
        title_vi="Bán nem chua",
        quantity=100,
        unit="kg",
        status=Status.OPEN,
        available_until=today + datetime.timedelta(days=30),
    )
    request = Request.objects.create(
        owner=owner_b,
        producer=w.producers["b"],
        title_vi="Cần mua gạo",
        quantity=10,
        unit="kg",
        status=Status.CLOSED,
        published_at=now - datetime.timedelta(days=200),
        deadline=today - datetime.timedelta(days=150),
    )
    Inquiry.objects.create(offer=offer, sender=buyer, message="Còn hàng không?")
    Inquiry.objects.create(
        request=request,
        sender=buyer,
        message="Tôi có gạo",
        answer="Cảm ơn",
        answered_at=now - datetime.timedelta(days=10),
    )

    va, va2, vc = w.variants["a"], w.variants["a2"], w.variants["c"]
    w.orders = [
        _order("DH0001", at("2026-09-15"), [(va, 2, "pending"), (vc, 1, "shipped")]),
        _order("DH0002", at("2026-10-10"), [(va, 1, "cancelled"), (va2, 3, "packed")]),
        _order("DH0003", at("2026-10-11"), [(va, 5, "pending")], status="awaiting_payment"),
    ]
    return w


@pytest.fixture
def activity(world):
    """Scans, an alert and page views in October 2026."""
    from dashboards.models import PageViewCount
    from traceability.models import Scan, ScanAlert

    a, b = world.batches["a"], world.batches["b"]
    scans = [(a, "2026-10-02")] * 3 + [(a, "2026-10-03")] * 2 + [(b, "2026-10-02")]
    Scan.objects.bulk_create(
        Scan(batch=batch, scanned_at=at(day), client_hash=f"h{i}", client_kind="phone")
        for i, (batch, day) in enumerate(scans)
    )
    ScanAlert.objects.create(batch=a, kind="burst", created_at=at("2026-10-03"), scan_count=5, distinct_clients=5)
    d = datetime.date
    PageViewCount.objects.bulk_create(
        [
            PageViewCount(page=world.products["a"], date=d(2026, 10, 2), views=4),
            PageViewCount(page=world.products_en["a"], date=d(2026, 10, 2), views=3),
            PageViewCount(page=world.products_en["a"], date=d(2026, 10, 3), views=1),
            PageViewCount(page=world.products["b"], date=d(2026, 10, 2), views=10),
        ]
    )
    return world


def business_user(username, producer):
    """A business user as onboarding makes one: admin access and page permissions on its producer page."""
    group, _ = Group.objects.get_or_create(name=f"Business {producer.slug}")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    change_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.get_or_create(group=group, page=producer, permission=change_page)
    user = get_user_model().objects.create_user(username=username, password="changeme", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def user_a(world):
    return business_user("biz-a", world.producers["a"])


@pytest.fixture
def user_b(world):
    return business_user("biz-b", world.producers["b"])


@pytest.fixture
def province_user(db):
    group, _ = Group.objects.get_or_create(name="Province staff")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user = get_user_model().objects.create_user("so-cong-thuong", is_staff=True)
    user.groups.add(group)
    return user


def admin_client(client, user, language="en"):
    """Sign the user in with their admin language set (the admin follows the user's preference)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client
