"""Demo content of the joins: producers that welcome visitors, and the products of festivals.
Idempotent, in both languages (run by tourism.demo.load after the catalogue's demo)."""

from wagtail.models import Locale

from catalogue.models import ProducerPage, ProductPage

from .models import EventPage, FestivalProduct

VISITORS = {
    # producer slug (Vietnamese): (hours in Vietnamese, hours in English)
    "ngan-khuong": (
        "Thứ Hai–Thứ Bảy, 7:30–11:00 và 13:30–16:30; đoàn đông gọi trước.",
        "Mon–Sat, 7:30–11:00 and 13:30–16:30; groups call ahead.",
    ),
    "banh-gai-lam-tham": (
        "Hằng ngày 7:00–17:00; xem gói bánh gai buổi sáng.",
        "Daily 7:00–17:00; watch the cakes being wrapped in the morning.",
    ),
    "le-gia": (
        "Thứ Hai–Thứ Sáu, 8:00–11:00; gọi trước để xem chượp.",
        "Mon–Fri, 8:00–11:00; call ahead to see the fermenting vats.",
    ),
}

FESTIVAL_PRODUCTS = {
    # festival slug (Vietnamese): [(product slug, note in Vietnamese, note in English)]
    "tet-nguyen-dan": [
        ("nep-cai-hoa-vang-gia-mieu-ngoai-trang", "Gói bánh chưng ngày Tết.", "Wrapped into bánh chưng for Tết."),
        ("banh-gai-tu-tru-lam-tham", "Quà biếu đầu năm.", "A new-year gift."),
        ("cam-vinh-van-du", "Bày mâm ngũ quả.", "On the five-fruit tray."),
    ],
    "le-hoi-lam-kinh": [
        (
            "banh-gai-tu-tru-lam-tham",
            "Đặc sản Thọ Xuân, bán quanh hội.",
            "Thọ Xuân's speciality, sold around the festival.",
        ),
        ("tuong-xuan-pha", "Đặc sản Thọ Xuân.", "Thọ Xuân's speciality."),
    ],
    "le-hoi-cau-ngu-sam-son": [
        ("nuoc-mam-ca-trich-bong-sen", "Từ cá của ngư dân Sầm Sơn.", "From the catch of Sầm Sơn's fishermen."),
        ("ca-thu-nuong-cong-huong", "Cá biển xứ Thanh.", "Sea fish of Thanh Hóa."),
    ],
}


def _in_each_language(model, slug: str) -> dict:
    """{language code: page} for the page with this Vietnamese slug and its translations."""
    source = model.objects.filter(slug=slug, locale__language_code="vi").first()
    if source is None:
        return {}
    return {
        page.locale.language_code: page
        for page in model.objects.filter(translation_key=source.translation_key).select_related("locale")
    }


def load_joins() -> tuple[int, int]:
    visitors = 0
    for slug, (hours_vi, hours_en) in VISITORS.items():
        for code, producer in _in_each_language(ProducerPage, slug).items():
            hours = hours_vi if code == "vi" else hours_en
            ProducerPage.objects.filter(pk=producer.pk).update(accepts_visitors=True, visiting_hours=hours)
            visitors += 1
    links = 0
    languages = list(Locale.objects.values_list("language_code", flat=True))
    for festival_slug, rows in FESTIVAL_PRODUCTS.items():
        events = _in_each_language(EventPage, festival_slug)
        for order, (product_slug, note_vi, note_en) in enumerate(rows):
            products = _in_each_language(ProductPage, product_slug)
            for code in languages:
                if code in events and code in products:
                    FestivalProduct.objects.update_or_create(
                        event=events[code],
                        product=products[code],
                        defaults={"sort_order": order, "note": note_vi if code == "vi" else note_en},
                    )
                    links += 1
    return visitors, links
