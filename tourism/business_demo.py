"""Demo tourism businesses (invented, with real Thanh Hóa places): each applies, is approved by
the demo moderator through tourism.onboarding, and gets a sign-in named by its slug.

Idempotent: a business whose application already has a listing is left as it is. The sign-ins
come from portal.demo.ensure_user, which refuses under production settings.
"""

import json
import uuid
from pathlib import Path

from catalogue.models import BusinessApplication
from portal.demo import demo_image, ensure_user

from .onboarding import onboard_tourism_business

DATA = Path(__file__).resolve().parent / "demo_data" / "businesses.json"
COLOURS = {"hotel": "#1f5fa8", "homestay": "#2f6f4f", "restaurant": "#b5522b", "tour_operator": "#3f6f6f"}


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{part}</p>" for part in text.split("\n") if part.strip())


def _block_id(slug: str, kind: str, n: int) -> str:
    """The same id in both languages, so the English blocks translate the Vietnamese ones."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"xuthanh-demo/{slug}/{kind}/{n}"))


def _blocks(row: dict, language: str) -> tuple[list, list]:
    highlights = [
        {
            "type": "highlight",
            "id": _block_id(row["slug"], "highlight", n),
            "value": {"name": h[f"name_{language}"], "description": h[f"desc_{language}"], "price": h["price"]},
        }
        for n, h in enumerate(row["highlights"])
    ]
    offers = [
        {
            "type": "offer",
            "id": _block_id(row["slug"], "offer", n),
            "value": {
                "title": o[f"title_{language}"],
                "starts": o["starts"],
                "ends": o["ends"],
                "text": o[f"text_{language}"],
            },
        }
        for n, o in enumerate(row["offers"])
    ]
    return highlights, offers


def load_businesses(area_map) -> int:
    moderator = ensure_user("moderator", email="moderator@xuthanh.example")
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    for row in rows:
        user = ensure_user(row["slug"], email=f"{row['slug']}@xuthanh.example", staff=False)
        if BusinessApplication.objects.filter(user=user, listing__isnull=False).exists():
            continue
        area_vi, area_en = area_map[row["area"]]
        application = BusinessApplication.objects.create(
            business_name=row["title_vi"],
            business_name_en=row["title_en"],
            business_type=row["type"],
            contact_name=row["title_vi"][:120],
            email=f"{row['slug']}@xuthanh.example",
            phone=row["phone"],
            area=area_vi,
            address=row["address_vi"],
            summary=row["intro_vi"],
            user=user,
        )
        image = demo_image(row["title_vi"], f"Ảnh minh họa: {row['title_vi']}", COLOURS[row["type"]])
        highlights_vi, offers_vi = _blocks(row, "vi")
        highlights_en, offers_en = _blocks(row, "en")
        onboard_tourism_business(
            application,
            moderator,
            user=user,
            slug=row["slug"],
            slug_en=row["slug_en"],
            page_fields={
                "body": _paragraphs(row["body_vi"]),
                "opening_hours_text": row["hours_vi"],
                "latitude": row["lat"],
                "longitude": row["lon"],
                "price_from": row["price_from"],
                "price_to": row["price_to"],
                "booking_url": row["booking_url"],
                "wheelchair": row["wheelchair"],
                "amenities": row["amenities"],
                "highlights": highlights_vi,
                "offers": offers_vi,
                "image": image,
                "search_description": row["intro_vi"],
            },
            page_fields_en={
                "intro": row["intro_en"],
                "body": _paragraphs(row["body_en"]),
                "address": row["address_en"],
                "opening_hours_text": row["hours_en"],
                "area": area_en,
                "highlights": highlights_en,
                "offers": offers_en,
                "search_description": row["intro_en"],
            },
        )
    return len(rows)
