"""Demo posts for the board (`manage.py load_demo`), written from trade.json's facts.

Offers belong to the producers' business users (named by producer slug); requests to a
few buyer sign-ins made here. A post is found again by owner and Vietnamese title, so a
second run changes nothing. Dates are relative to the day of loading.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from catalogue.models import CategoryPage, ProducerPage, ProductPage
from portal.demo import areas, demo_image, ensure_user

from .models import BoardProfile, Offer, OfferPhoto, Request, Status

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
PHOTO_COLOURS = ["#7a4f1d", "#2f6f4f", "#8c2f39", "#44617b", "#6b6b2f", "#5b3f73"]


def _by_slug(model, slug: str | None):
    if not slug:
        return None
    return model.objects.filter(slug=slug, locale__language_code="vi").first()


def _buyer(username: str, name: str):
    user = ensure_user(username, email=f"{username}@buyer.xuthanh.example", staff=False)
    BoardProfile.objects.get_or_create(
        user=user,
        defaults={
            "display_name": name,
            "phone": "0900 000 " + str(100 + len(username))[-3:],
            "email_verified": True,
            "phone_verified": True,
        },
    )
    return user


@transaction.atomic
def load(command) -> None:
    rows = json.loads((DEMO_DATA / "posts.json").read_text(encoding="utf-8"))
    area_map = {slug: pair[0] for slug, pair in areas().items()}
    today = timezone.localdate()
    now = timezone.now()
    created = 0
    for index, row in enumerate(rows):
        is_offer = row["kind"] == "offer"
        owner = ensure_user(row["owner"]) if is_offer else _buyer(row["owner"], row["buyer"])
        model = Offer if is_offer else Request
        if model.objects.filter(owner=owner, title_vi=row["title_vi"]).exists():
            continue
        common = {
            "owner": owner,
            "title_vi": row["title_vi"],
            "title_en": row["title_en"],
            "description_vi": row["description_vi"],
            "description_en": row["description_en"],
            "category": _by_slug(CategoryPage, row.get("category")),
            "quantity": Decimal(row["quantity"]),
            "unit": row["unit"],
            "price_per_unit": row.get("price_per_unit"),
            "province_code": row.get("province_code") or 0,
            "area": area_map.get(row.get("area")),
            "address": row.get("address", ""),
            "latitude": row.get("lat"),
            "longitude": row.get("lon"),
            "status": Status.OPEN,
            "published_at": now,
        }
        if model is Offer:
            start = today + datetime.timedelta(days=row.get("start_offset", 0))
            post = Offer.objects.create(
                **common,
                producer=_by_slug(ProducerPage, row["owner"]),
                product=_by_slug(ProductPage, row.get("product")),
                min_order=Decimal(row["min_order"]) if row.get("min_order") else None,
                available_from=start,
                available_until=today + datetime.timedelta(days=row["valid_days"]),
            )
            image = demo_image(row["title_en"], row["title_en"], PHOTO_COLOURS[index % len(PHOTO_COLOURS)])
            OfferPhoto.objects.get_or_create(offer=post, image=image)
        else:
            Request.objects.create(**common, deadline=today + datetime.timedelta(days=row["valid_days"]))
        created += 1
    command.stdout.write(f"trade: {Offer.objects.count()} offers, {Request.objects.count()} requests ({created} new)")
