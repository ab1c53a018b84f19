"""Demo catalogue: real Thanh Hóa producers and products, in Vietnamese and English.

The facts come from the researched notes in the project's shared data; the JSON files in
`demo_data/` restate them for the site (the site never reads the shared folder). Each
producer is onboarded through the same service a moderator's approval uses, so its group,
collection and permissions are the real ones; its sign-in is named by its slug.
"""

import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from portal.demo import areas, demo_image, ensure_user, home_pages, locales, upsert_page
from portal.tax_codes import tax_code_check_digit

from .models import (
    BusinessApplication,
    CategoriesIndexPage,
    CategoryPage,
    LegalForm,
    ProducerCertificate,
    ProducerPage,
    ProducersIndexPage,
    ProductCertificate,
    ProductPage,
    ProductVariant,
    SellerIdentity,
    VerificationStatus,
)
from .onboarding import ensure_moderation_workflow, ensure_moderator_permissions, onboard_business
from .services import refresh_product_summary

DATA = Path(__file__).resolve().parent / "demo_data"
CATEGORY_COLOURS = {
    "thit-che-bien": "#8a3b2a",
    "nuoc-mam-mam": "#7a5230",
    "tuong-gia-vi-duong": "#6b4a1f",
    "hai-san": "#1f5f7a",
    "gao-nep": "#6f7a2a",
    "trai-cay": "#c0701a",
    "che-thao-duoc": "#2f6f4f",
    "banh-keo": "#5a3d6b",
    "do-uong": "#2a6b8a",
    "mat-ong-lam-san": "#a6781c",
    "thu-cong-my-nghe": "#7a6a3a",
}
COLOUR_NAMES = {
    "#8a3b2a": ("đỏ nâu", "red-brown"),
    "#7a5230": ("nâu", "brown"),
    "#6b4a1f": ("nâu sẫm", "dark brown"),
    "#1f5f7a": ("xanh biển", "sea blue"),
    "#6f7a2a": ("xanh ô liu", "olive green"),
    "#c0701a": ("cam", "orange"),
    "#2f6f4f": ("xanh lá", "green"),
    "#5a3d6b": ("tím", "purple"),
    "#2a6b8a": ("xanh lam", "blue"),
    "#a6781c": ("vàng mật ong", "honey yellow"),
    "#7a6a3a": ("vàng cói", "sedge yellow"),
    "#8a4b2a": ("nâu đỏ", "brownish red"),
    "#2a5c8a": ("xanh lam", "blue"),
    "#6b5b2a": ("nâu vàng", "yellowish brown"),
    "#5a2a6b": ("tím", "purple"),
}


def _read(name: str) -> list[dict]:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _paragraphs(lines: list[str]) -> str:
    from django.utils.html import escape

    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def _picture(title_vi: str, title_en: str, colour: str, size=(800, 600)):
    """A generated picture with alt text that says what it really shows, in both languages."""
    name_vi, name_en = COLOUR_NAMES.get(colour, ("màu", "coloured"))
    image = demo_image(
        title_vi,
        f"Hình minh họa tạo tự động: dòng chữ “{title_vi}” trên nền {name_vi}",
        colour,
        size=size,
    )
    alt_en = f"Generated illustration: the words “{title_vi}” on a {name_en} background"
    return image, alt_en


def _gallery(image, alt: str) -> str:
    return json.dumps([{"type": "image", "value": {"image": image.pk, "alt_text": alt, "decorative": False}}])


INDEX_TEXT = {
    "producers": (
        {"title": "Nhà sản xuất", "intro": "<p>Hợp tác xã, doanh nghiệp và hộ làm nghề của xứ Thanh.</p>"},
        {
            "slug": "producers",
            "title": "Producers",
            "intro": "<p>Cooperatives, companies and family workshops of Thanh Hóa.</p>",
        },
    ),
    "categories": (
        {"title": "Sản phẩm", "intro": "<p>Đặc sản và sản phẩm OCOP theo nhóm hàng.</p>"},
        {"slug": "products", "title": "Products", "intro": "<p>Local specialities and OCOP products by kind.</p>"},
    ),
}


@transaction.atomic
def load(command) -> None:
    home, _en_home = home_pages()
    vi_locale, en_locale = locales()
    area_pairs = areas()
    vi, en = INDEX_TEXT["producers"]
    producers_index, _ = upsert_page(
        home, ProducersIndexPage, slug="nha-san-xuat", vi=vi, en=en, shared={"show_in_menus": True}
    )
    vi, en = INDEX_TEXT["categories"]
    categories_index, _ = upsert_page(
        home, CategoriesIndexPage, slug="san-pham", vi=vi, en=en, shared={"show_in_menus": True}
    )
    ensure_moderator_permissions()
    ensure_moderation_workflow()
    moderator = ensure_user("moderator", email="moderator@xuthanh.example")

    categories = {}
    for row in _read("categories"):
        colour = CATEGORY_COLOURS.get(row["slug"], "#2f6f4f")
        image, _alt_en = _picture(row["title_vi"], row["title_en"], colour)
        categories[row["slug"]] = upsert_page(
            categories_index,
            CategoryPage,
            slug=row["slug"],
            vi={"title": row["title_vi"]},
            en={"slug": row["slug_en"], "title": row["title_en"]},
            shared={"image": image},
        )

    products_by_producer: dict[str, list[dict]] = {}
    for row in _read("products"):
        products_by_producer.setdefault(row["producer"], []).append(row)

    producer_rows = _read("producers")
    _prepare_sign_ins([row["slug"] for row in producer_rows])
    product_count = 0
    for n, row in enumerate(producer_rows, start=1):
        producer = _producer(row, producers_index, area_pairs, moderator)
        _identity(producer, row, n, moderator)
        en_producer = producer.get_translation(en_locale)
        for product in products_by_producer.get(row["slug"], []):
            _product(product, producer, en_producer, categories, area_pairs, en_locale)
            product_count += 1
    command.stdout.write(
        f"catalogue: {len(categories)} categories, {len(products_by_producer)} producers, {product_count} products"
    )


def _prepare_sign_ins(usernames: list[str]) -> None:
    """Hash the demo password once for all business sign-ins (a slow hash, 25 times, is seconds)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from portal.demo import DEMO_PASSWORD

    User = get_user_model()
    missing = set(usernames) - set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    if not missing:
        return
    ensure_user(sorted(missing)[0], staff=False)  # refuses under production settings
    password = make_password(DEMO_PASSWORD)
    User.objects.bulk_create(
        User(username=name, email=f"{name}@xuthanh.example", password=password)
        for name in sorted(missing)
        if not User.objects.filter(username=name).exists()
    )


def _producer(row, producers_index, area_pairs, moderator) -> ProducerPage:
    existing = ProducerPage.objects.child_of(producers_index).filter(slug=row["slug"]).first()
    if existing is not None:
        return existing
    vi_area, en_area = area_pairs[row["area"]]
    logo, _alt_en = _picture(row["title_vi"], row["title_en"], row["colour"], size=(600, 600))
    user = ensure_user(row["slug"], email=f"{row['slug']}@xuthanh.example", staff=False)
    application = BusinessApplication.objects.create(
        business_name=row["title_vi"],
        business_name_en=row["title_en"],
        business_type=row["business_type"],
        contact_name=row["title_vi"][:120],
        email=f"{row['slug']}@xuthanh.example",
        phone="0237 000 0000",
        area=vi_area,
        ward_code=row["ward_code"],
        address=row["address"] or "",
        summary=row["summary_vi"],
        user=user,
    )
    certificates = []
    return onboard_business(
        application,
        moderator,
        user=user,
        slug=row["slug"],
        slug_en=row["slug_en"],
        page_fields={
            "phone": "",
            "about": _paragraphs(row["about_vi"]),
            "logo": logo,
            "latitude": row["lat"],
            "longitude": row["lon"],
            "is_verified": True,
            "certificates": certificates,
        },
        page_fields_en={
            "summary": row["summary_en"],
            "about": _paragraphs(row["about_en"]),
            "area": en_area,
        },
    )


LEGAL_FORMS = {"company": LegalForm.ENTERPRISE, "household": LegalForm.HOUSEHOLD, "cooperative": LegalForm.COOPERATIVE}


def _identity(producer: ProducerPage, row: dict, n: int, moderator) -> None:
    """A verified legal identity for a demo producer. The producers are real but their papers
    are not in our sources: the numbers are placeholders that cannot belong to anyone (tax
    codes starting 00 are never issued; registration numbers say DEMO)."""
    if SellerIdentity.objects.for_page(producer).exists():
        return
    first_nine = f"{n:09d}"
    while tax_code_check_digit(first_nine) is None:
        first_nine = f"{int(first_nine) + 100:09d}"
    area = producer.area.name if producer.area else ""
    SellerIdentity.objects.create(
        business=producer,
        legal_name=row["title_vi"],
        legal_form=LEGAL_FORMS.get(row["business_type"], LegalForm.ENTERPRISE),
        registration_number=f"DEMO-{n:04d}",
        tax_code=first_nine + str(tax_code_check_digit(first_nine)),
        registered_address=", ".join(part for part in (row["address"] or "", area, "Thanh Hóa") if part),
        representative="Dữ liệu mẫu (demo)",
        status=VerificationStatus.VERIFIED,
        verified_at=timezone.now(),
        verified_by=moderator,
    )


def create_live_page(parent, page):
    """Add `page` under `parent` as published, without a revision (keeps load_demo fast)."""
    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = now
    parent.add_child(instance=page)
    return page


def _certificates(model, rows, language):
    return [model(kind=c["kind"], name=c[f"name_{language}"], sort_order=i) for i, c in enumerate(rows)]


def _product(row, producer, en_producer, categories, area_pairs, en_locale) -> None:
    if ProductPage.objects.child_of(producer).filter(slug=row["slug"]).exists():
        return
    vi_category, en_category = categories[row["category"]]
    vi_area, en_area = area_pairs[row["area"]]
    colour = CATEGORY_COLOURS.get(row["category"], "#2f6f4f")
    image, alt_en = _picture(row["title_vi"], row["title_en"], colour)
    variants = [
        ProductVariant(
            name=v["name_vi"],
            name_en=v["name_en"],
            sku=v["sku"],
            gtin=v["gtin"],
            price=v["price"],
            compare_at_price=v["compare_at_price"],
            stock=v["stock"],
            weight_grams=v["weight_grams"],
            sort_order=i,
        )
        for i, v in enumerate(row["variants"])
    ]
    shared = {
        "ocop_stars": row["ocop_stars"],
        "ocop_year": row["ocop_year"],
        "shelf_life_days": row["shelf_life_days"],
    }
    vi_page = create_live_page(
        producer,
        ProductPage(
            slug=row["slug"],
            locale=producer.locale,
            title=row["title_vi"],
            summary=row["summary_vi"],
            body=_paragraphs(row["body_vi"]),
            ingredients="\n".join(row["ingredients_vi"]),
            storage=row["storage_vi"] or "",
            category=vi_category,
            origin_area=vi_area,
            gallery=_gallery(image, image.description),
            variants=variants,
            certificates=_certificates(ProductCertificate, row["certificates"], "vi"),
            **shared,
        ),
    )
    create_live_page(
        en_producer,
        ProductPage(
            slug=row["slug_en"],
            locale=en_locale,
            translation_key=vi_page.translation_key,
            title=row["title_en"],
            summary=row["summary_en"],
            body=_paragraphs(row["body_en"]),
            ingredients="\n".join(row["ingredients_en"]),
            storage=row["storage_en"] or "",
            category=en_category,
            origin_area=en_area,
            gallery=_gallery(image, alt_en),
            certificates=_certificates(ProductCertificate, row["certificates"], "en"),
            **shared,
        ),
    )
    refresh_product_summary(vi_page)


__all__ = ["load", "ProducerCertificate"]
