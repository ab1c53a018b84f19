"""Fixtures of the board: categories, a producer with its business user, buyers, posts."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale

from catalogue.models import CategoriesIndexPage, CategoryPage, ProducerPage, ProducersIndexPage
from trade.models import BoardProfile, Offer, Request, Status, Unit


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def categories(site_pages):
    home, _ = site_pages
    vi = Locale.objects.get(language_code="vi")
    index = CategoriesIndexPage(title="Danh mục", slug="danh-muc", locale=vi)
    home.add_child(instance=index)
    fruit = index.add_child(instance=CategoryPage(title="Trái cây", slug="trai-cay", locale=vi))
    crafts = index.add_child(instance=CategoryPage(title="Thủ công mỹ nghệ", slug="thu-cong", locale=vi))
    sauce = index.add_child(instance=CategoryPage(title="Nước mắm", slug="nuoc-mam", locale=vi))
    return {"fruit": fruit, "crafts": crafts, "sauce": sauce}


def make_business(site_pages, username: str, *, verified: bool, slug: str | None = None):
    """A producer page and a user whose group holds page permissions on it."""
    home, _ = site_pages
    vi = Locale.objects.get(language_code="vi")
    index = ProducersIndexPage.objects.filter(locale=vi).first()
    if index is None:
        index = home.add_child(instance=ProducersIndexPage(title="Cơ sở", slug="co-so", locale=vi))
    producer = index.add_child(
        instance=ProducerPage(
            title=f"HTX {username}",
            slug=slug or username,
            locale=vi,
            business_type="cooperative",
            phone="0237 111 2222",
            email=f"{username}@htx.example",
            is_verified=verified,
        )
    )
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw-for-tests-1")
    group = Group.objects.create(name=f"Business {username}")
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.create(group=group, page=producer, permission_type=permission_type)
    user.groups.add(group)
    return user, producer


@pytest.fixture
def business(site_pages):
    """A business whose producer the province has verified: its posts go live at once."""
    return make_business(site_pages, "htx-luan-van", verified=True)


@pytest.fixture
def unverified_business(site_pages):
    return make_business(site_pages, "ho-moi", verified=False)


def make_buyer(username: str, *, email_verified=True, phone_verified=False, phone="0912 345 678"):
    user = get_user_model().objects.create_user(username, f"{username}@buyer.example", "pw-for-tests-1")
    BoardProfile.objects.create(
        user=user,
        display_name=f"Buyer {username}",
        phone=phone,
        email_verified=email_verified,
        phone_verified=phone_verified,
    )
    return user


@pytest.fixture
def buyer(db):
    """An individual with a verified phone: trusted, posts go live at once."""
    return make_buyer("nha-hang-ha-noi", phone_verified=True)


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("mod", "mod@example.com", "pw-for-tests-1", is_staff=True)
    group, _ = Group.objects.get_or_create(name="Moderators")
    user.groups.add(group)
    return user


def make_offer(
    owner,
    *,
    category=None,
    quantity="20",
    unit=Unit.TONNE,
    price=None,
    days=30,
    lat=None,
    lon=None,
    status=Status.OPEN,
    title="Bưởi Luận Văn",
    start=None,
    min_order=None,
    **extra,
):
    today = timezone.localdate()
    return Offer.objects.create(
        owner=owner,
        title_vi=title,
        description_vi="Mô tả",
        category=category,
        quantity=Decimal(quantity),
        unit=unit,
        price_per_unit=price,
        min_order=Decimal(min_order) if min_order else None,
        available_from=start or today,
        available_until=(start or today) + datetime.timedelta(days=days),
        latitude=lat,
        longitude=lon,
        status=status,
        **extra,
    )


def make_request(
    owner,
    *,
    category=None,
    quantity="5",
    unit=Unit.TONNE,
    price=None,
    days=30,
    lat=None,
    lon=None,
    status=Status.OPEN,
    title="Cần mua bưởi",
    **extra,
):
    return Request.objects.create(
        owner=owner,
        title_vi=title,
        description_vi="Cần mua",
        category=category,
        quantity=Decimal(quantity),
        unit=unit,
        price_per_unit=price,
        deadline=timezone.localdate() + datetime.timedelta(days=days),
        latitude=lat,
        longitude=lon,
        status=status,
        **extra,
    )
