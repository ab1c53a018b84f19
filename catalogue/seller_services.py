"""The seller workspace's product operations, on Wagtail's own machinery.

A product is a ProductPage under the business's producer page. Saving from the workspace
writes a revision and submits it to the "Product moderation" workflow exactly as the admin's
"Submit for moderation" does; the public sees nothing new until a moderator approves.
Stock and prices of existing packs are facts, not content: they change at once (as the
admin's stock edits do, `catalogue.stock`), and `ProductPage.with_content_json` keeps a
waiting revision from bringing old stock back. The English page is made by wagtail-localize
from the Vietnamese one, with the English words the business typed as its translations.
"""

import html
import logging
import re
import secrets
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from .models import ProducerPage, ProductCertificate, ProductPage, ProductVariant
from .onboarding import vietnamese_slug
from .publishing import licence_refusal, takedown_refusal
from .services import refresh_product_summary

logger = logging.getLogger("xuthanh.catalogue")

# What the workspace calls the state of a product (never "draft", "revision" or "page").
LIVE, WAITING, CHANGES_REQUESTED, NOT_SENT = "live", "waiting", "changes_requested", "not_sent"
STATUS_LABELS = {
    LIVE: _("On sale"),
    WAITING: _("Waiting for approval"),
    CHANGES_REQUESTED: _("Changes requested"),
    NOT_SENT: _("Not sent for approval"),
}
# English state of a product.
EN_NONE, EN_PARTIAL, EN_DONE = "none", "partial", "done"
EN_LABELS = {
    EN_NONE: _("English: not yet translated"),
    EN_PARTIAL: _("English: partly translated"),
    EN_DONE: _("English: translated"),
}
ENGLISH_CONTEXTS = ("title", "summary", "body")


@dataclass
class ProductStatus:
    code: str
    comment: str = ""
    live: bool = False  # an earlier approved version is on sale meanwhile

    @property
    def label(self):
        return STATUS_LABELS[self.code]


# --- Which products, in which state ------------------------------------------------------


def products_of(producer: ProducerPage):
    """The business's products in the default language (live or not), newest first."""
    return ProductPage.objects.filter(locale_id=producer.locale_id, producer_id=producer.pk).order_by(
        "-latest_revision_created_at", "-pk"
    )


def product_of(producer: ProducerPage, pk: int) -> ProductPage | None:
    """The business's own product `pk` (default language), else None."""
    return products_of(producer).filter(pk=pk).first()


def statuses(pages) -> dict[int, ProductStatus]:
    """pk → ProductStatus for `pages`, with the moderator's comment when changes were requested."""
    pages = list(pages)
    content_type = ContentType.objects.get_for_model(Page)
    states = {
        int(state.object_id): state
        for state in WorkflowState.objects.active()
        .filter(base_content_type=content_type, object_id__in=[str(p.pk) for p in pages])
        .select_related("current_task_state")
    }
    result = {}
    for page in pages:
        state = states.get(page.pk)
        if state is None:
            result[page.pk] = ProductStatus(LIVE if page.live else NOT_SENT, live=page.live)
        elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            comment = state.current_task_state.comment if state.current_task_state else ""
            result[page.pk] = ProductStatus(CHANGES_REQUESTED, comment=comment, live=page.live)
        else:
            result[page.pk] = ProductStatus(WAITING, live=page.live)
    return result


def waiting_or_sent_back(producer: ProducerPage) -> list[tuple[ProductPage, ProductStatus]]:
    """Products waiting for a moderator or sent back with a comment (the Today screen's list)."""
    pages = list(products_of(producer))
    found = statuses(pages)
    return [(p, found[p.pk]) for p in pages if found[p.pk].code in (WAITING, CHANGES_REQUESTED)]


# --- Text ----------------------------------------------------------------------------------


def text_to_rich_text(text: str) -> str:
    """Plain text with empty lines between paragraphs → paragraphs of rich text (escaped)."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "")]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)


def rich_text_to_text(value: str) -> str:
    """The form's view of a description: paragraphs separated by an empty line."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", value or "", flags=re.S) or [value or ""]
    return "\n\n".join(html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in paragraphs).strip()


# --- Files into the business's own collection ------------------------------------------------


def business_collection(producer: ProducerPage) -> Collection:
    """The collection onboarding made for the business (its group may add images and documents there)."""
    collection = (
        Collection.objects.filter(
            group_permissions__group__page_permissions__page__translation_key=producer.translation_key
        )
        .order_by("pk")
        .first()
    )
    if collection is None:
        raise ValidationError(_("Your business has no photo folder yet; ask the province team."), code="no_collection")
    return collection


def store_photos(producer: ProducerPage, user, files, title: str) -> list:
    collection = business_collection(producer)
    Image = get_image_model()
    images = []
    for upload in files:
        image = Image(title=title[:255], file=upload, collection=collection, uploaded_by_user=user)
        image.save()
        images.append(image)
    return images


def store_document(producer: ProducerPage, user, upload, title: str):
    Document = get_document_model()
    document = Document(title=title[:255], file=upload, collection=business_collection(producer), uploaded_by_user=user)
    document.save()
    return document


# --- Saving a product ------------------------------------------------------------------------


def new_sku(producer: ProducerPage) -> str:
    """A SKU nobody typed: the business's number and six random characters, unique."""
    while True:
        sku = f"XT{producer.pk}-{secrets.token_hex(3).upper()}"
        if not ProductVariant.objects.filter(sku=sku).exists():
            return sku


def _unique_slug(parent, title: str, own_pk=None) -> str:
    base = vietnamese_slug(title) or "san-pham"
    taken = set(parent.get_children().exclude(pk=own_pk).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def editable_product(producer: ProducerPage, page: ProductPage) -> ProductPage:
    """The product as the business last wrote it (its newest version, approved or not)."""
    latest = page.get_latest_revision_as_object()
    return latest if latest.pk == page.pk else page


def _apply_packs(producer, page: ProductPage, packs: list[dict]) -> list[int]:
    """Put the form's packs on `page` (in memory); returns ids of existing packs whose stock or price changed."""
    existing = {v.pk: v for v in page.variants.all() if v.pk}
    kept, changed = [], []
    for order, pack in enumerate(packs):
        variant = existing.get(pack.get("id")) if pack.get("id") else None
        if variant is None:
            variant = ProductVariant(sku=new_sku(producer), stock=pack["stock"], price=pack["price"])
        elif (variant.stock, variant.price) != (pack["stock"], pack["price"]):
            changed.append(variant.pk)
        variant.name = pack["name"]
        variant.name_en = pack.get("name_en") or ""
        variant.gtin = pack.get("gtin") or None
        variant.price = pack["price"]
        variant.stock = pack["stock"]
        variant.sort_order = order
        kept.append(variant)
    page.variants = kept
    return changed


def _apply_certificates(producer, user, page: ProductPage, certificates: list[dict]) -> None:
    existing = {c.pk: c for c in page.certificates.all() if c.pk}
    kept = []
    for order, data in enumerate(certificates):
        certificate = existing.get(data.get("id")) if data.get("id") else None
        certificate = certificate or ProductCertificate()
        certificate.kind = data["kind"]
        certificate.number = data.get("number") or ""
        certificate.issuer = data.get("issuer") or ""
        certificate.valid_until = data.get("valid_until")
        certificate.sort_order = order
        if data.get("scan"):
            certificate.document = store_document(producer, user, data["scan"], f"{page.title} — {data['kind']}")
        kept.append(certificate)
    page.certificates = kept


def _write_live_facts(page: ProductPage, packs: list[dict], changed: list[int]) -> None:
    """Stock and price of existing packs change at once, without waiting for a moderator."""
    by_id = {p["id"]: p for p in packs if p.get("id")}
    for pk in changed:
        pack = by_id[pk]
        ProductVariant.objects.filter(pk=pk, product_id=page.pk).update(stock=pack["stock"], price=pack["price"])
    if changed:
        refresh_product_summary(ProductPage.objects.get(pk=page.pk))


def submit_for_approval(page: ProductPage, user) -> None:
    """Save a revision and put it before a moderator, as the admin's "Submit for moderation" does.

    A product sent back is resumed; one already waiting is restarted with the new version.
    """
    page.save_revision(user=user, log_action=True)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return
    if state is not None:
        state.cancel(user=user)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)


@transaction.atomic
def save_product(producer: ProducerPage, user, data: dict, packs: list[dict], certificates: list[dict], page=None):
    """Create (page=None) or revise the business's product and submit it for approval.

    `data` holds the product form's cleaned fields, `packs` and `certificates` the rows kept.
    """
    refusal = licence_refusal(data.get("category"), producer) or (page is not None and takedown_refusal(page))
    if refusal:
        raise ValidationError(refusal, code="not_publishable")  # nothing saved: not even a draft
    creating = page is None
    if creating:
        page = ProductPage(locale_id=producer.locale_id, owner=user, live=False)
    else:
        page = editable_product(producer, page)
    page.title = data["title"]
    page.summary = data["summary"]
    page.body = text_to_rich_text(data.get("body", ""))
    page.category = data.get("category")
    page.shelf_life_days = data.get("shelf_life_days")
    page.storage = data.get("storage") or ""
    photos = store_photos(producer, user, data.get("photos") or [], data["title"])
    for image in photos:
        image.contextual_alt_text, image.decorative = data["title"], False
        page.gallery.append(("image", image))
    changed = _apply_packs(producer, page, packs)
    _apply_certificates(producer, user, page, certificates)
    if creating:
        page.slug = _unique_slug(producer, data["title"])
        producer.add_child(instance=page)
    else:
        _write_live_facts(page, packs, changed)
        if not page.live:
            page.save()  # a product never approved keeps its newest words in the database too
    submit_for_approval(page, user)
    if not page.live:
        refresh_product_summary(page)
    save_english(page, user, data)
    logger.info("Product %s %s by %s for %s", page.pk, "created" if creating else "revised", user.pk, producer.slug)
    return page


@transaction.atomic
def set_stock(producer: ProducerPage, variant_id: int, stock: int) -> ProductVariant | None:
    """The one-step stock change from the list; None when the pack is not the business's."""
    variant = ProductVariant.objects.for_producer(producer).filter(pk=variant_id).select_related("product").first()
    if variant is None:
        return None
    ProductVariant.objects.filter(pk=variant.pk).update(stock=stock)
    refresh_product_summary(variant.product)
    variant.stock = stock
    return variant


# --- English, through wagtail-localize ---------------------------------------------------------


def english_locale() -> Locale | None:
    return Locale.objects.filter(language_code="en").first()


def _english_values(data: dict, segments) -> dict[int, str]:
    """segment pk → English text, for the segments of title, summary and body."""
    body = [p for p in re.split(r"\n\s*\n", data.get("body_en") or "") if p.strip()]
    values, body_index = {}, 0
    body_segments = [s for s in segments if s.context.path.split(".")[0] == "body"]
    for segment in segments:
        field = segment.context.path.split(".")[0]
        if field in ("title", "summary") and data.get(f"{field}_en"):
            values[segment.pk] = data[f"{field}_en"]
        elif field == "body" and body_index < len(body):
            # One paragraph per paragraph; extra English paragraphs join the last one.
            last = segment is body_segments[-1]
            values[segment.pk] = " ".join(body[body_index:]) if last else body[body_index]
            body_index += 1
    return {pk: " ".join(text.split()) for pk, text in values.items()}


def save_english(page: ProductPage, user, data: dict) -> None:
    """Give wagtail-localize the English words and save the English version for approval.

    Nothing English typed and no English version yet: the product stays "not yet translated".
    """
    en = english_locale()
    typed = any(data.get(f"{field}_en") for field in ENGLISH_CONTEXTS)
    if en is None:
        return
    source_instance = page.get_latest_revision_as_object()
    existing = TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id).first()
    if not typed and existing is None:
        return
    source, _created = TranslationSource.update_or_create_from_instance(source_instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=en, defaults={"enabled": True}
    )
    segments = list(
        StringSegment.objects.filter(source=source, context__path__regex=r"^(title|summary|body)(\.|$)")
        .select_related("string", "context")
        .order_by("order")
    )
    for segment in segments:
        StringTranslation.objects.filter(translation_of=segment.string, locale=en, context=segment.context).delete()
    for segment in segments:
        text = _english_values(data, segments).get(segment.pk)
        if text:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=en,
                context=segment.context,
                data=StringValue.from_plaintext(text).data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                last_translated_by=user,
            )
    translation.save_target(user=user, publish=False)
    en_page = page.get_translation_or_none(en)
    if en_page is not None:
        submit_for_approval(en_page.specific, user)


def english_state(page: ProductPage) -> str:
    """How much of the product's name and descriptions has English words."""
    en = english_locale()
    if en is None:
        return EN_NONE
    source = TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id).first()
    if source is None:
        # Translated outside wagtail-localize (the demo, or by hand in the admin): the English page says it all.
        return EN_DONE if page.get_translation_or_none(en) is not None else EN_NONE
    segments = StringSegment.objects.filter(source=source, context__path__regex=r"^(title|summary|body)(\.|$)")
    total = segments.count()
    done = (
        StringTranslation.objects.filter(
            locale=en,
            translation_of_id__in=segments.values("string_id"),
            context_id__in=segments.values("context_id"),
        )
        .values("translation_of_id", "context_id")
        .distinct()
        .count()
    )
    if done == 0:
        return EN_NONE
    return EN_DONE if done >= total else EN_PARTIAL


def english_text(page: ProductPage) -> dict:
    """The English words already given (for the edit form)."""
    en = english_locale()
    if en is None:
        return {}
    source = TranslationSource.objects.filter(object_id=page.translation_key, locale_id=page.locale_id).first()
    if source is None:
        translated = page.get_translation_or_none(en)
        if translated is None:
            return {}
        translated = translated.specific.get_latest_revision_as_object()
        return {
            "title_en": translated.title,
            "summary_en": translated.summary,
            "body_en": rich_text_to_text(translated.body),
        }
    found = {"title_en": "", "summary_en": "", "body_en": []}
    segments = (
        StringSegment.objects.filter(source=source, context__path__regex=r"^(title|summary|body)(\.|$)")
        .select_related("context")
        .order_by("order")
    )
    for segment in segments:
        translated = StringTranslation.objects.filter(
            translation_of_id=segment.string_id, context_id=segment.context_id, locale=en
        ).first()
        if translated is None:
            continue
        text = StringValue(translated.data).render_text()
        field = segment.context.path.split(".")[0]
        if field == "body":
            found["body_en"].append(text)
        else:
            found[f"{field}_en"] = text
    found["body_en"] = "\n\n".join(found["body_en"])
    return found
