"""load_demo's policy pages (six kinds, both languages) and example operator details.

The texts live in portal/demo_data/policies/<kind>.<language>.html: a title line, a summary
line, then the body as HTML.
"""

import datetime

from wagtail.models import Site

from portal.demo import DEMO_DATA, upsert_page

from .models import ExchangeOperator, PolicyKind, PolicyPage

SLUGS = {
    PolicyKind.OPERATING_RULES: ("quy-che-hoat-dong", "operating-rules"),
    PolicyKind.TERMS_OF_SALE: ("dieu-khoan-mua-ban", "terms-of-sale"),
    PolicyKind.DELIVERY_PAYMENT: ("giao-hang-thanh-toan", "delivery-and-payment"),
    PolicyKind.RETURNS: ("doi-tra-hoan-tien", "returns-and-refunds"),
    PolicyKind.COMPLAINTS: ("khieu-nai-tranh-chap", "complaints-and-disputes"),
    PolicyKind.PRIVACY: ("bao-ve-du-lieu-ca-nhan", "privacy-policy"),
}

DEMO_OPERATOR = {
    "legal_name": "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Thanh Hóa",
    "legal_name_en": "Thanh Hóa Investment, Trade and Tourism Promotion Centre",
    "address": "Số 35 Đại lộ Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa",
    "address_en": "35 Lê Lợi Avenue, Hạc Thành Ward, Thanh Hóa Province",
    "phone": "0237 385 0000",
    "email": "san@xuthanh.example",
    "registration_number": "2801234567",
    "registration_issuer": "Sở Tài chính tỉnh Thanh Hóa",
    "registration_issuer_en": "Thanh Hóa Department of Finance",
    "registration_date": datetime.date(2025, 8, 15),
    "is_demo": True,
}


def _text(kind: str, language: str) -> dict:
    title, summary, body = (DEMO_DATA / "policies" / f"{kind}.{language}.html").read_text("utf-8").split("\n", 2)
    return {"title": title, "summary": summary, "body": body.strip()}


def load(home, en_home) -> list[PolicyPage]:
    pages = []
    for kind, (slug, en_slug) in SLUGS.items():
        # Found by kind, so an editor's new slug does not make a second page.
        existing = PolicyPage.objects.child_of(home).filter(kind=kind).first()
        vi_page, _ = upsert_page(
            home,
            PolicyPage,
            slug=existing.slug if existing else slug,
            vi=_text(kind, "vi"),
            en={"slug": en_slug, **_text(kind, "en")},
            shared={"kind": kind},
        )
        pages.append(vi_page)
    site = Site.objects.get(is_default_site=True)
    operator = ExchangeOperator.for_site(site)
    if not operator.legal_name:  # never over an editor's details
        for name, value in DEMO_OPERATOR.items():
            setattr(operator, name, value)
        operator.save()
    return pages
