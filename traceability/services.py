"""Operations of the traceability app: recording events, recalls, EPCIS capture."""

import logging
import re
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from . import epcis
from .chain import chain_hash, event_facts, sign_batch
from .models import Batch, BatchStatus, CaptureToken, EventAttachment, EventInput, Location, TraceEvent
from .signals import batch_recalled
from .trace_page import drop_cached_trace_pages
from .vocabulary import ACTIVITY_EPCIS, CBV_DISPOSITIONS, Activity, EventType

security_log = logging.getLogger("xuthanh.security")
log = logging.getLogger(__name__)

OFFSET_RE = re.compile(r"^([+]|[-])((0[0-9]|1[0-3]):([0-5][0-9])|14:00)$")
SENSOR_TYPES = {"Temperature", "RelativeHumidity", "AbsoluteHumidity", "Mass", "MassConcentration", "Count"}
SENSOR_KEYS = {"type", "value", "uom", "time", "minValue", "maxValue", "meanValue", "stringValue"}
CLOCK_SKEW = timedelta(minutes=10)


def validate_sensor_readings(readings) -> list:
    if readings in (None, ""):
        return []
    if not isinstance(readings, list) or len(readings) > 500:
        raise ValidationError(_("Sensor readings must be a list of at most 500 readings."), code="sensor")
    for reading in readings:
        if not isinstance(reading, dict) or reading.get("type") not in SENSOR_TYPES or set(reading) - SENSOR_KEYS:
            raise ValidationError(
                _("Each sensor reading needs a type (%(types)s) and only value, uom, time or min/max/mean values.")
                % {"types": ", ".join(sorted(SENSOR_TYPES))},
                code="sensor",
            )
        for key in ("value", "minValue", "maxValue", "meanValue"):
            if key in reading and (isinstance(reading[key], bool) or not isinstance(reading[key], int | float)):
                raise ValidationError(_("Sensor values must be numbers."), code="sensor")
        if "uom" in reading and not re.fullmatch(r"[A-Z0-9]{2,3}", str(reading["uom"])):
            raise ValidationError(_("A unit of measure is a UN/ECE code such as CEL or KGM."), code="sensor")
        if "time" in reading and not parse_datetime(str(reading["time"])):
            raise ValidationError(_("A sensor reading time must be a date and time with an offset."), code="sensor")
    return readings


def record_event(
    batch: Batch,
    *,
    event_time: datetime,
    activity: str = "",
    event_type: str = "",
    action: str | None = None,
    biz_step: str = "",
    disposition: str | None = None,
    event_timezone_offset: str = "+07:00",
    location: Location | None = None,
    description_vi: str = "",
    description_en: str = "",
    input_product: str = "",
    dose: str = "",
    quantity: Decimal | None = None,
    sensor_readings: list | None = None,
    inputs: list[tuple[Batch, Decimal | None]] = (),
    attachments: list[tuple[str, object, object]] = (),
    corrects: TraceEvent | None = None,
    recorded_by=None,
    now: datetime | None = None,
    destination: str = "",
    order_code: str = "",
) -> TraceEvent:
    """Append an event to the batch's chain (one transaction; the batch row is locked)."""
    if activity:
        default_type, default_action, default_step, default_disposition = ACTIVITY_EPCIS[Activity(activity)]
        event_type = event_type or default_type
        action = default_action if action is None else action
        biz_step = biz_step or default_step
        disposition = default_disposition if disposition is None else disposition
    event_type = event_type or EventType.OBJECT
    if event_type == EventType.TRANSFORMATION:
        action = ""
    elif not action:
        action = "OBSERVE"
    if not biz_step:
        raise ValidationError(_("Choose what happened."), code="biz_step")
    if disposition and disposition not in CBV_DISPOSITIONS:
        raise ValidationError(_("Unknown disposition."), code="disposition")
    if not OFFSET_RE.match(event_timezone_offset or ""):
        raise ValidationError(_("A time zone offset looks like +07:00."), code="offset")
    if timezone.is_naive(event_time):
        event_time = timezone.make_aware(event_time, epcis.parse_offset(event_timezone_offset))
    now = now or timezone.now()
    if event_time > now + CLOCK_SKEW:
        raise ValidationError(_("An event cannot be in the future."), code="future")
    readings = validate_sensor_readings(sensor_readings)
    if quantity is not None and (quantity < 0 or quantity > 10**8):
        raise ValidationError(_("The quantity is out of range."), code="quantity")
    if location is not None and location.producer.translation_key != batch.producer.translation_key:
        security_log.warning("Event on batch %s refused: location %s of another producer", batch.pk, location.pk)
        raise ValidationError(_("This location belongs to another producer."), code="foreign_location")
    for input_batch, _qty in inputs:
        if input_batch.pk == batch.pk:
            raise ValidationError(_("A batch cannot be its own input."), code="input_self")
        if input_batch.producer.translation_key != batch.producer.translation_key:
            security_log.warning(
                "Event on batch %s refused: input batch %s of another producer", batch.pk, input_batch.pk
            )
            raise ValidationError(_("An input batch belongs to another producer."), code="foreign_input")
    if corrects is not None and corrects.batch_id != batch.pk:
        raise ValidationError(_("A correction must be recorded on the same batch."), code="corrects")

    # EPCIS times carry milliseconds: the columns keep what the JSON says.
    event_time = event_time.replace(microsecond=event_time.microsecond // 1000 * 1000)
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)
    with transaction.atomic():
        locked = Batch.objects.select_for_update(of=("self",)).select_related("origin").get(pk=batch.pk)
        event = TraceEvent(
            batch=locked,
            sequence=locked.chain_length + 1,
            event_type=event_type,
            action=action,
            biz_step=biz_step,
            disposition=disposition or "",
            activity=activity,
            event_time=event_time,
            event_timezone_offset=event_timezone_offset,
            location=location,
            description_vi=description_vi.strip(),
            description_en=description_en.strip(),
            input_product=input_product.strip(),
            dose=dose.strip(),
            quantity=None if quantity is None else Decimal(quantity).quantize(Decimal("0.001")),
            sensor_readings=epcis.canonical_numbers(readings),
            corrects=corrects,
            recorded_by=recorded_by,
            recorded_at=now,
        )
        input_rows = [(b, None if q is None else Decimal(q).quantize(Decimal("0.001"))) for b, q in inputs]
        attachment_rows = [
            (title or "", doc.pk if doc else None, img.pk if img else None) for title, doc, img in attachments
        ]
        certificates = [certificate_uri(doc or img) for _title, doc, img in attachments if doc or img]
        data = epcis.build_event(event, input_rows, certificates, destination=destination, order_code=order_code)
        event.hash_id = epcis.event_hash_id(data)
        event.event_id = event.hash_id
        event.epcis = {"eventID": event.event_id, **data}
        append_to_chain(locked, event)
        EventInput.objects.bulk_create([EventInput(event=event, input_batch=b, quantity=q) for b, q in input_rows])
        EventAttachment.objects.bulk_create(
            [EventAttachment(event=event, title=t, document_id=d, image_id=i) for t, d, i in attachment_rows]
        )
        if corrects is not None:
            _declare_error(locked, corrects, event, recorded_by, now)
    transaction.on_commit(lambda: drop_cached_trace_pages(batch.pk))
    return event


def append_to_chain(locked: Batch, event: TraceEvent) -> None:
    """Hash the event onto its batch's chain (row locked by the caller), save it and sign the new head."""
    event.sequence = locked.chain_length + 1
    event.previous_hash = locked.chain_head
    event.record_hash = chain_hash(event.previous_hash, event_facts(event))
    event.save()
    signature = sign_batch(locked, event.sequence, event.record_hash)
    Batch.objects.filter(pk=locked.pk).update(
        chain_length=event.sequence, chain_head=event.record_hash, chain_signature=signature
    )
    locked.chain_length, locked.chain_head, locked.chain_signature = event.sequence, event.record_hash, signature


def _declare_error(locked: Batch, wrong: TraceEvent, corrective: TraceEvent, user, now) -> TraceEvent:
    """EPCIS's way to correct: the wrong event again, same eventID, with an errorDeclaration naming
    the corrective event. GS1's event hash leaves errorDeclaration out, so its eventID still verifies."""
    from .event_fields import columns_of

    declaration = {
        "declarationTime": epcis.format_time(now),
        "reason": "incorrect_data",
        "correctiveEventIDs": [corrective.event_id],
    }
    event = TraceEvent(
        batch=locked,
        location=wrong.location,
        recorded_by=user,
        recorded_at=now,
        epcis={**wrong.epcis, "errorDeclaration": declaration},
        context=wrong.context,
        event_id=wrong.event_id,
        hash_id=wrong.hash_id,
        corrects=wrong,
        **columns_of(wrong),
    )
    append_to_chain(locked, event)
    return event


def certificate_uri(item) -> str:
    """A document or photo named by the SHA-256 of its content: verifiable, and independent of our domain."""
    import hashlib

    digest = hashlib.sha256()
    with item.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            digest.update(chunk)
    return f"ni:///sha-256;{digest.hexdigest()}"


def recall_batch(batch: Batch, reason: str, user=None) -> Batch:
    """Mark a batch recalled (banner on its trace page) and record the recall in its chain."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the batch is recalled."), code="recall_reason")
    with transaction.atomic():
        Batch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.RECALLED, recall_reason=reason, recalled_at=timezone.now()
        )
        batch.refresh_from_db()
        record_event(
            batch,
            activity=Activity.RECALLING,
            event_time=timezone.now(),
            description_vi=reason,
            description_en=reason,
            recorded_by=user,
        )
    transaction.on_commit(lambda: drop_cached_trace_pages(batch.pk))
    # The buyers of this batch are told by the orders app (traceability does not know orders).
    transaction.on_commit(lambda: batch_recalled.send(sender=Batch, batch=batch))
    return batch


def _order_line_relation(batch):
    """The reverse relation from orders.OrderLine.batch, if the orders app has added it."""
    for rel in Batch._meta.related_objects:
        if rel.related_model._meta.label == "orders.OrderLine" and rel.field.name == "batch":
            return rel
    return None


def affected_order_lines(batch: Batch):
    """Order lines that carry this batch (empty until orders records batches on shipped lines)."""
    rel = _order_line_relation(batch)
    if rel is None:
        return []
    return list(rel.related_model.objects.filter(batch=batch).select_related("order").order_by("order__pk", "pk"))


def affected_orders(batch: Batch) -> list:
    orders, seen = [], set()
    for line in affected_order_lines(batch):
        if line.order_id not in seen:
            seen.add(line.order_id)
            orders.append(line.order)
    return orders


# --- EPCIS tokens ---------------------------------------------------------------------------


def token_for(raw: str) -> CaptureToken | None:
    if not raw:
        return None
    return (
        CaptureToken.objects.select_related("producer")
        .filter(token_hash=CaptureToken.hash(raw), is_active=True)
        .first()
    )
