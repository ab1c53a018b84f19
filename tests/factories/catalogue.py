"""Catalogue test data: page trees, products with variants, onboarded businesses."""

import itertools

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.users.models import UserProfile

from catalogue.gtin import gtin_check_digit
from catalogue.models import (
    BusinessApplication,
    BusinessType,
    CategoriesIndexPage,
    CategoryPage,
    ProducersIndexPage,
    ProductCertificate,
    ProductPage,
    ProductVariant,
)
from catalogue.onboarding import ensure_moderation_workflow, onboard_business
from catalogue.services import refresh_product_summary
from portal.demo import locales

_serial = itertools.count(1)


def make_gtin13(n: int) -> str:
    body = f"893{n:09d}"
    return body + str(gtin_check_digit(body))


class BusinessApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessApplication

    business_name = factory.Sequence(lambda n: f"Hợp tác xã Thử Nghiệm {n}")
    business_name_en = factory.Sequence(lambda n: f"Test Cooperative {n}")
    business_type = BusinessType.COOPERATIVE
    contact_name = "Nguyễn Văn An"
    email = factory.Sequence(lambda n: f"htx{n}@example.com")
    phone = "0912345678"
    summary = "Nước mắm truyền thống"


def live_page(parent, page):
    now = timezone.now()
    page.live, page.first_published_at, page.last_published_at = True, now, now
    parent.add_child(instance=page)
    return page


def translate(vi_page, en_parent, **fields):
    """The English translation of `vi_page`, built like the demo builds it."""
    en_page = type(vi_page)(
        locale=en_parent.locale,
        translation_key=vi_page.translation_key,
        **fields,
    )
    return live_page(en_parent, en_page)


def catalogue_indexes(site_pages):
    home, en_home = site_pages
    producers = live_page(home, ProducersIndexPage(title="Nhà sản xuất", slug="nha-san-xuat"))
    en_producers = translate(producers, en_home, title="Producers", slug="producers")
    categories = live_page(home, CategoriesIndexPage(title="Sản phẩm", slug="san-pham"))
    en_categories = translate(categories, en_home, title="Products", slug="products")
    ensure_moderation_workflow()
    return {
        "producers": producers,
        "en_producers": en_producers,
        "categories": categories,
        "en_categories": en_categories,
    }


def make_category(indexes, slug="nuoc-mam", title="Nước mắm", slug_en="fish-sauce", title_en="Fish sauce"):
    vi = live_page(indexes["categories"], CategoryPage(title=title, slug=slug))
    en = translate(vi, indexes["en_categories"], title=title_en, slug=slug_en)
    return vi, en


def make_business(username, approved_by, **application):
    User = get_user_model()
    user = User.objects.create_user(username, f"{username}@example.com", "changeme")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    app = BusinessApplicationFactory(**application)
    producer = onboard_business(app, approved_by, user=user, slug=username)
    return user, producer, producer.get_translation(locales()[1])


def make_product(
    producer,
    *,
    title,
    slug=None,
    category=None,
    variants=((50000, 10),),
    ocop_stars=None,
    origin_area=None,
    certificates=(),
    en_producer=None,
    en_category=None,
    title_en=None,
):
    """A live product (vi, and en when `en_producer` is given) with (price, stock) variants."""
    n = next(_serial)
    slug = slug or f"san-pham-{n}"
    page = live_page(
        producer,
        ProductPage(
            title=title,
            slug=slug,
            summary=f"Tóm tắt {title}",
            category=category,
            ocop_stars=ocop_stars,
            origin_area=origin_area,
            variants=[
                ProductVariant(
                    name=f"Gói {i + 1}",
                    name_en=f"Pack {i + 1}",
                    sku=f"T-{n}-{i}",
                    gtin=make_gtin13(n * 10 + i),
                    price=price,
                    stock=stock,
                    sort_order=i,
                )
                for i, (price, stock) in enumerate(variants)
            ],
            certificates=[ProductCertificate(kind=kind, name=kind.upper()) for kind in certificates],
        ),
    )
    if en_producer is not None:
        translate(
            page,
            en_producer,
            title=title_en or f"{title} (en)",
            slug=f"product-{n}",
            summary=f"Summary of {title_en or title}",
            category=en_category,
            ocop_stars=ocop_stars,
            certificates=[ProductCertificate(kind=kind, name=kind.upper()) for kind in certificates],
        )
    refresh_product_summary(page)
    page.refresh_from_db()
    return page


def valid_tax_code(first_nine: str = "280012345") -> str:
    from portal.tax_codes import tax_code_check_digit

    return first_nine + str(tax_code_check_digit(first_nine))


def identity_fields(**overrides) -> dict:
    return {
        "legal_name": "Hợp tác xã Thử Nghiệm",
        "legal_form": "cooperative",
        "registration_number": "2807000123",
        "tax_code": valid_tax_code(),
        "registered_address": "Thôn 3, xã Hoằng Hóa, Thanh Hóa",
        "representative": "Nguyễn Văn An",
        **overrides,
    }


def give_identity(*, moderator=None, application=None, business=None, licences=(), **fields):
    """A seller identity (verified by `moderator` when given) with licences [(kind, valid_until)]."""
    from catalogue.identity import verify_identity
    from catalogue.models import SellerIdentity, SellerLicence

    identity = SellerIdentity.objects.create(application=application, business=business, **identity_fields(**fields))
    for kind, valid_until in licences:
        SellerLicence.objects.create(
            identity=identity, kind=kind, number="01/GP", issuer="Sở Công Thương", valid_until=valid_until
        )
    if moderator is not None:
        verify_identity(identity, moderator)
    return identity
