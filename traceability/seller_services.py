"""What the seller workspace does with batches and events, on top of traceability.services.

Batches are created here (the admin creates them through its model form); events always go
through `services.record_event`, which owns the hash chain. An event sent from the workspace
carries the idempotency key its form was rendered with: the same key twice stores one event.
"""

import datetime
import logging
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from catalogue.onboarding import business_group_name

from .models import Batch, Location, LocationKind, TraceEvent
from .seller_models import EventSubmission
from .services import record_event
from .vocabulary import ACTIVITIES_WITH_INPUT, Activity

security_log = logging.getLogger("xuthanh.security")
KEY_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

# The event templates of the workspace, in the order a farm or a kitchen lives them.
EVENT_TEMPLATES = (
    Activity.PLANTING,
    Activity.FERTILISING,
    Activity.SPRAYING,
    Activity.HARVESTING,
    Activity.PROCESSING,
    Activity.PACKING,
    Activity.INSPECTING,
    Activity.STORING,
    Activity.SHIPPING,
    Activity.RECEIVING,
)


def batches_of(producer):
    """The business's batches, newest first, with what the lists show."""
    return Batch.objects.for_producer(producer).select_related("product", "variant", "origin")


def products_of(producer):
    """The business's default-language products (batches point at those)."""
    from catalogue.models import ProductPage

    return ProductPage.objects.filter(producer__translation_key=producer.translation_key, locale_id=producer.locale_id)


def propose_lot_number(product, production_date: datetime.date) -> str:
    """A lot number nobody has to invent: the day it was made and a counter (e.g. 261202-1)."""
    stem = production_date.strftime("%y%m%d")
    taken = set(Batch.objects.filter(product=product, lot_number__startswith=stem).values_list("lot_number", flat=True))
    n = 1
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def create_batch(
    producer,
    *,
    product,
    variant=None,
    lot_number: str = "",
    production_date: datetime.date,
    expiry_date: datetime.date | None = None,
    quantity: Decimal,
    unit: str,
    origin: Location | None = None,
    new_place: str = "",
) -> Batch:
    """Record a batch of one of the business's products; a new place name becomes one of its locations."""
    if product.producer is None or product.producer.translation_key != producer.translation_key:
        security_log.warning("Workspace batch refused: product %s is not producer %s's", product.pk, producer.pk)
        raise ValidationError(_("This product belongs to another business."), code="foreign_product")
    if variant is not None and variant.product_id != product.source_product.pk:
        raise ValidationError({"variant": _("This pack belongs to another product.")}, code="variant")
    if origin is not None and origin.producer.translation_key != producer.translation_key:
        security_log.warning("Workspace batch refused: location %s is not producer %s's", origin.pk, producer.pk)
        raise ValidationError(_("This place belongs to another business."), code="foreign_location")
    if not lot_number:
        lot_number = propose_lot_number(product, production_date)
    with transaction.atomic():
        if origin is None and new_place.strip():
            kind = LocationKind.FARM if product.shelf_life_days is None else LocationKind.PROCESSING
            origin = Location.objects.create(producer=producer, name=new_place.strip()[:200], kind=kind)
        batch = Batch(
            product=product,
            variant=variant,
            lot_number=lot_number.strip(),
            production_date=production_date,
            expiry_date=expiry_date,
            quantity=quantity,
            unit=unit,
            origin=origin,
        )
        batch.full_clean()
        batch.save()
    return batch


def shelf_life_expiry(product, production_date: datetime.date) -> datetime.date | None:
    """The expiry date the product's shelf life gives, proposed on the batch form."""
    if product.shelf_life_days and production_date:
        return production_date + datetime.timedelta(days=product.shelf_life_days)
    return None


def collection_of(producer) -> Collection:
    """The business's own collection (created at onboarding), where its photos go."""
    grant = (
        GroupCollectionPermission.objects.filter(
            group__name=business_group_name(producer), permission__codename="add_image"
        )
        .select_related("collection")
        .first()
    )
    return grant.collection if grant else Collection.get_first_root_node()


def store_photo(producer, upload, title: str, user=None):
    """A photo taken with the phone, as a Wagtail image in the business's collection."""
    image = get_image_model()(title=title[:255], file=upload, collection=collection_of(producer), uploaded_by_user=user)
    image.save()
    return image


def record_workspace_event(
    batch: Batch,
    *,
    key: str,
    activity: str,
    user=None,
    event_time: datetime.datetime | None = None,
    location: Location | None = None,
    description: str = "",
    input_product: str = "",
    dose: str = "",
    quantity: Decimal | None = None,
    photo_upload=None,
    language: str = "vi",
) -> tuple[TraceEvent, bool]:
    """Store an event sent from the workspace once per key; returns (event, created).

    A retry of the same form (the outbox resending after a dropped connection) finds the
    event the first send stored. The key is generated on the server when the form is shown.
    """
    if not KEY_RE.match(key or ""):
        raise ValidationError(_("This form has expired; open it again."), code="idempotency_key")
    existing = EventSubmission.objects.select_related("event").filter(key=key).first()
    if existing is not None:
        if existing.batch_id != batch.pk:
            security_log.warning(
                "Event key %s reused on batch %s (stored for batch %s)", key, batch.pk, existing.batch_id
            )
            raise ValidationError(_("This form belongs to another batch."), code="idempotency_key")
        return existing.event, False
    if activity not in {a.value for a in EVENT_TEMPLATES}:
        raise ValidationError(_("Choose what happened."), code="activity")
    if activity in ACTIVITIES_WITH_INPUT and not (input_product.strip() and dose.strip()):
        raise ValidationError(_("Say which product was applied and how much."), code="input_product")
    # The description is in the language the business wrote it in.
    texts = {"description_en": description} if language == "en" else {"description_vi": description}
    try:
        with transaction.atomic():
            attachments = []
            if photo_upload is not None:
                title = _("Lab result") if activity == Activity.INSPECTING else _("Photo")
                photo = store_photo(batch.producer, photo_upload, f"{batch.lot_number} — {title}", user)
                attachments.append((str(title), None, photo))
            event = record_event(
                batch,
                activity=activity,
                event_time=event_time or timezone.now(),
                location=location,
                input_product=input_product,
                dose=dose,
                quantity=quantity,
                attachments=attachments,
                recorded_by=user,
                **texts,
            )
            EventSubmission.objects.create(key=key, batch=batch, event=event, submitted_by=user)
    except IntegrityError:
        # A concurrent send of the same key won the race; its event is the one.
        existing = EventSubmission.objects.select_related("event").filter(key=key, batch=batch).first()
        if existing is None:
            raise
        return existing.event, False
    return event, True
