"""A tourism business's listing in the seller workspace, on Wagtail's own machinery.

The listing is the business's PlacePage (or AttractionPage) in the default language. Saving
from the workspace writes a revision of it and submits it to the moderators' workflow, as the
workspace does for products (catalogue.seller_services): the public keeps seeing the approved
version until a moderator approves the new one. The English words the business types become
wagtail-localize translations of the Vietnamese page, saved to the English page as a revision
that goes through the same moderation.
"""

import logging
import re
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from catalogue.seller_services import (
    CHANGES_REQUESTED,
    LIVE,
    NOT_SENT,
    WAITING,
    english_locale,
    rich_text_to_text,
    statuses,
    submit_for_approval,
    text_to_rich_text,
)
from catalogue.seller_services import (
    store_photos as store_business_photos,
)

from .models import AttractionPage

logger = logging.getLogger("xuthanh.tourism")

STATUS_LABELS = {
    LIVE: _("Shown to visitors"),
    WAITING: _("Waiting for approval"),
    CHANGES_REQUESTED: _("Changes requested"),
    NOT_SENT: _("Not shown to visitors"),
}
# Fields of the listing form that are the same in both languages (synchronised by wagtail-localize).
SHARED_FIELDS = ("phone", "email", "website", "booking_url", "wheelchair", "amenities")


@dataclass
class ListingStatus:
    code: str
    comment: str = ""
    live: bool = False  # an approved version is public meanwhile

    @property
    def label(self):
        return STATUS_LABELS[self.code]

    @property
    def css(self) -> str:
        """The workspace's badge class (seller.css) for this state."""
        return {CHANGES_REQUESTED: "changes", NOT_SENT: "draft"}.get(self.code, self.code)


def listing_status(listing) -> ListingStatus:
    found = statuses([listing])[listing.pk]
    return ListingStatus(found.code, found.comment, found.live)


def is_attraction(listing) -> bool:
    return isinstance(listing, AttractionPage)


def hours_field(listing) -> str:
    """Where the listing keeps its opening hours as words."""
    return "opening_hours_note" if is_attraction(listing) else "opening_hours_text"


def price_fields(listing) -> tuple[str, str]:
    return ("price_adult", "price_child") if is_attraction(listing) else ("price_from", "price_to")


def editable_listing(listing):
    """The listing as the business last wrote it (its newest version, approved or not)."""
    latest = listing.get_latest_revision_as_object()
    return latest if latest.pk == listing.pk else listing


def english_listing(listing):
    """The English page's newest version (None when there is no English page)."""
    en = english_locale()
    page = listing.get_translation_or_none(en) if en else None
    return page.specific.get_latest_revision_as_object() if page is not None else None


# --- The form's view of the listing ------------------------------------------------------------


def _english_if_translated(english: str, vietnamese: str) -> str:
    """A word left in Vietnamese on the English page (no translation yet) is not shown as English."""
    return "" if english == vietnamese else english


def listing_initial(listing) -> tuple[dict, list[dict]]:
    """The listing form's values and its rooms-or-dishes rows, from the newest versions."""
    page = editable_listing(listing)
    en = english_listing(listing)
    body = rich_text_to_text(page.body)
    hours = hours_field(page)
    low, high = price_fields(page)
    initial = {
        "title": page.title,
        "intro": page.intro,
        "body": body,
        "opening_hours": getattr(page, hours),
        "price_low": getattr(page, low),
        "price_high": getattr(page, high),
        "address": page.address,
        **{name: getattr(page, name) for name in SHARED_FIELDS},
    }
    en_blocks = {}
    if en is not None:
        initial["title_en"] = en.title
        initial["intro_en"] = _english_if_translated(en.intro, page.intro)
        initial["body_en"] = _english_if_translated(rich_text_to_text(en.body), body)
        initial["opening_hours_en"] = _english_if_translated(getattr(en, hours), getattr(page, hours))
        initial["address_en"] = _english_if_translated(en.address, page.address)
        en_blocks = {block.id: block.value for block in en.highlights}
    rows = []
    for block in page.highlights:
        value, english = block.value, en_blocks.get(block.id) or {}
        rows.append(
            {
                "id": block.id,
                "name": value["name"],
                "description": value["description"],
                "price": value["price"],
                "name_en": _english_if_translated(english.get("name", ""), value["name"]),
                "description_en": _english_if_translated(english.get("description", ""), value["description"]),
            }
        )
    return initial, rows


def offers_initial(listing) -> list[dict]:
    page = editable_listing(listing)
    en = english_listing(listing)
    en_blocks = {block.id: block.value for block in en.offers} if en is not None else {}
    rows = []
    for block in page.offers:
        value, english = block.value, en_blocks.get(block.id) or {}
        rows.append(
            {
                "id": block.id,
                "title": value["title"],
                "starts": value["starts"],
                "ends": value["ends"],
                "text": value["text"],
                "title_en": _english_if_translated(english.get("title", ""), value["title"]),
                "text_en": _english_if_translated(english.get("text", ""), value["text"]),
            }
        )
    return rows


# --- Saving -----------------------------------------------------------------------------------


def _block_id(row: dict, known: set) -> str:
    """The row's block id when the form was given it, else a new one (never one typed in)."""
    return row["id"] if row.get("id") in known else str(uuid.uuid4())


def _send(listing, page, user, english: dict) -> None:
    """Save `page` (the listing's newest version, changed) for approval, then its English words."""
    if not page.live:
        page.save()  # a listing never approved keeps its newest words in the database too
    submit_for_approval(page, user)
    save_english(listing, user, english)


@transaction.atomic
def save_listing(listing, user, data: dict, highlights: list[dict]):
    """Revise the listing's description, hours, prices, contact, access and rooms or dishes; send it for approval.

    `data` holds the listing form's cleaned fields, `highlights` the rows kept.
    """
    page = editable_listing(listing)
    page.title = data["title"]
    page.intro = data["intro"]
    page.body = text_to_rich_text(data.get("body", ""))
    setattr(page, hours_field(page), data.get("opening_hours") or "")
    low, high = price_fields(page)
    setattr(page, low, data.get("price_low"))
    setattr(page, high, data.get("price_high"))
    page.address = data.get("address") or ""
    for name in SHARED_FIELDS:
        setattr(page, name, data.get(name) or ([] if name == "amenities" else ""))
    photos = store_business_photos(listing, user, data.get("photos") or [], data["title"])
    for image in photos:
        image.contextual_alt_text, image.decorative = data["title"], False
        page.gallery.append(("image", image))
    if photos and page.image is None:
        page.image = photos[0]
    known = {block.id for block in page.highlights}
    english = {
        "title": data.get("title_en", ""),
        "intro": data.get("intro_en", ""),
        "body": data.get("body_en", ""),
        hours_field(page): data.get("opening_hours_en", ""),
        "address": data.get("address_en", ""),
    }
    raw = []
    for row in highlights:
        block_id = _block_id(row, known)
        raw.append(
            {
                "type": "highlight",
                "id": block_id,
                "value": {"name": row["name"], "description": row.get("description") or "", "price": row.get("price")},
            }
        )
        english[f"highlights.{block_id}.name"] = row.get("name_en", "")
        english[f"highlights.{block_id}.description"] = row.get("description_en", "")
    page.highlights = raw
    _send(listing, page, user, english)
    logger.info("Listing %s revised by %s", listing.pk, user.pk)
    return page


@transaction.atomic
def save_offers(listing, user, offers: list[dict]):
    """Replace the listing's seasonal offers with the rows kept and send it for approval."""
    page = editable_listing(listing)
    known = {block.id for block in page.offers}
    english, raw = {}, []
    for row in offers:
        block_id = _block_id(row, known)
        raw.append(
            {
                "type": "offer",
                "id": block_id,
                "value": {
                    "title": row["title"],
                    "starts": row["starts"].isoformat(),
                    "ends": row["ends"].isoformat(),
                    "text": row.get("text") or "",
                },
            }
        )
        english[f"offers.{block_id}.title"] = row.get("title_en", "")
        english[f"offers.{block_id}.text"] = row.get("text_en", "")
    page.offers = raw
    _send(listing, page, user, english)
    logger.info("Offers of listing %s revised by %s", listing.pk, user.pk)
    return page


# --- English, through wagtail-localize -----------------------------------------------------------


def _english_by_segment(segments, english: dict, current_en) -> dict[int, str]:
    """segment pk → English text. Typed words first; the description one paragraph per segment;
    other plain fields (the English slug, search texts) keep what the English page says now."""
    values = {}
    body = [p for p in re.split(r"\n\s*\n", english.get("body") or "") if p.strip()]
    body_segments = [s for s in segments if s.context.path == "body"]
    for segment in segments:
        path = segment.context.path
        if path == "body":
            n = body_segments.index(segment)
            last = segment is body_segments[-1]
            text = " ".join(body[n:]) if last else (body[n] if n < len(body) else "")
        elif path in english:
            text = english[path]
        elif "." not in path and current_en is not None:
            current = getattr(current_en, path, "")
            text = current if isinstance(current, str) else ""
        else:
            text = ""
        if text and text.strip():
            values[segment.pk] = " ".join(text.split()) if path != "slug" else text
    return values


def save_english(listing, user, english: dict) -> None:
    """Give wagtail-localize the English words and save the English page's new version for approval.

    Nothing typed in English and no English page: nothing to do (the province team may translate).
    """
    en = english_locale()
    if en is None:
        return
    current_en = english_listing(listing)
    if current_en is None and not any(english.values()):
        return
    source, _created = TranslationSource.update_or_create_from_instance(listing.get_latest_revision_as_object())
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=en, defaults={"enabled": True}
    )
    segments = list(StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order"))
    values = _english_by_segment(segments, english, current_en)
    for segment in segments:
        StringTranslation.objects.filter(translation_of=segment.string, locale=en, context=segment.context).delete()
    for segment in segments:
        if segment.pk in values:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=en,
                context=segment.context,
                data=StringValue.from_plaintext(values[segment.pk]).data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                last_translated_by=user,
            )
    translation.save_target(user=user, publish=False)
    en_page = listing.get_translation_or_none(en)
    if en_page is not None:
        submit_for_approval(en_page.specific.get_latest_revision_as_object(), user)


# --- Today ------------------------------------------------------------------------------------


def first_steps(page) -> list[dict]:
    """What a listing still lacks that visitors look for (the Today screen's checklist)."""
    return [
        {"label": _("A photo"), "done": page.image_id is not None or bool(page.gallery)},
        {"label": _("A description"), "done": bool(rich_text_to_text(page.body))},
        {"label": _("Prices"), "done": any(getattr(page, f) is not None for f in price_fields(page))},
        {"label": _("Wheelchair access"), "done": bool(page.wheelchair)},
        {"label": _("A booking link or phone"), "done": bool(page.booking_url or page.phone)},
    ]


def listing_today(listing) -> dict:
    page = editable_listing(listing)
    steps = first_steps(page)
    return {
        "listing": listing,
        "status": listing_status(listing),
        "offers": page.current_offers(timezone.localdate()),
        "steps": steps,
        "steps_left": sum(1 for step in steps if not step["done"]),
    }
