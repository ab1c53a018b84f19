"""Operations of the traceability app: recording events, recalls, EPCIS capture."""

import logging
import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from . import epcis, trace_cache
from .chain import canonical_event, chain_hash
from .digital_link import DigitalLinkError, parse_digital_link
from .models import Batch, BatchStatus, CaptureToken, EventAttachment, EventInput, Location, TraceEvent
from .signals import batch_recalled
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

    with transaction.atomic():
        locked = Batch.objects.select_for_update().get(pk=batch.pk)
        last = TraceEvent.objects.filter(batch=locked).order_by("-sequence").values("sequence", "record_hash").first()
        event = TraceEvent(
            batch=locked,
            sequence=(last["sequence"] + 1) if last else 1,
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
            quantity=quantity,
            sensor_readings=readings,
            corrects=corrects,
            recorded_by=recorded_by,
            recorded_at=now,
            previous_hash=last["record_hash"] if last else "",
        )
        # Hash what the database will give back: decimals at their stored precision.
        if quantity is not None:
            event.quantity = Decimal(quantity).quantize(Decimal("0.001"))
        input_rows = [(b, None if q is None else Decimal(q).quantize(Decimal("0.001"))) for b, q in inputs]
        attachment_rows = [
            (title or "", doc.pk if doc else None, img.pk if img else None) for title, doc, img in attachments
        ]
        event.event_id = epcis.event_hash_id(epcis.event_to_epcis(event, input_rows, []))
        facts = canonical_event(event, [(b.public_code, q) for b, q in input_rows], attachment_rows)
        event.record_hash = chain_hash(event.previous_hash, facts)
        event.save()
        EventInput.objects.bulk_create([EventInput(event=event, input_batch=b, quantity=q) for b, q in input_rows])
        EventAttachment.objects.bulk_create(
            [EventAttachment(event=event, title=t, document_id=d, image_id=i) for t, d, i in attachment_rows]
        )
    transaction.on_commit(lambda: trace_cache.forget_batch(batch.pk))
    return event


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
    transaction.on_commit(lambda: trace_cache.forget_batch(batch.pk))
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


# --- EPCIS capture -------------------------------------------------------------------------


class CaptureError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def token_for(raw: str) -> CaptureToken | None:
    if not raw:
        return None
    token = (
        CaptureToken.objects.select_related("producer")
        .filter(token_hash=CaptureToken.hash(raw), is_active=True)
        .first()
    )
    return token


def _batch_from_uri(uri: str) -> Batch | None:
    if not isinstance(uri, str):
        return None
    match = re.search(r"/t/([A-Za-z0-9_-]{6,24})$", uri)
    if match:
        return Batch.objects.select_related("producer").filter(public_code=match.group(1)).first()
    try:
        link = parse_digital_link(uri, allow_short_gtin=True)
    except DigitalLinkError:
        return None
    if not link.gtin or not link.lot:
        return None
    return Batch.objects.select_related("producer").filter(gtin=link.gtin, lot_number=link.lot).first()


def _classes(items) -> list:
    if not isinstance(items, list):
        return []
    return [item.get("epcClass") if isinstance(item, dict) else item for item in items]


def _parse_capture_event(raw: dict, producer) -> dict:
    if not isinstance(raw, dict):
        raise CaptureError(400, _("Each event must be an object."))
    kind = raw.get("type")
    if kind not in EventType.values:
        raise CaptureError(400, _("Unsupported event type: %(type)s") % {"type": kind})
    if kind == EventType.TRANSFORMATION:
        outputs = _classes(raw.get("outputQuantityList")) + _classes(raw.get("outputEPCList"))
        input_uris = _classes(raw.get("inputQuantityList")) + _classes(raw.get("inputEPCList"))
    else:
        outputs = _classes(raw.get("quantityList")) + _classes(raw.get("epcList"))
        input_uris = []
    if len(outputs) != 1:
        raise CaptureError(400, _("Each event must name exactly one of our batches (epcClass or epcList)."))
    batch = _batch_from_uri(outputs[0])
    inputs = [_batch_from_uri(u) for u in input_uris]
    if batch is None or any(b is None for b in inputs):
        raise CaptureError(400, _("Unknown batch in an event: %(uri)s") % {"uri": outputs[0]})
    for b in [batch, *inputs]:
        if b.producer.translation_key != producer.translation_key:
            security_log.warning(
                "EPCIS capture refused: producer %s sent an event for batch %s of producer %s",
                producer.pk,
                b.pk,
                b.producer_id,
            )
            raise CaptureError(403, _("An event names a batch of another producer; nothing was stored."))
    event_time = parse_datetime(str(raw.get("eventTime", "")))
    offset = raw.get("eventTimeZoneOffset", "")
    if event_time is None or timezone.is_naive(event_time) or not OFFSET_RE.match(str(offset)):
        raise CaptureError(400, _("eventTime needs a date-time with an offset and eventTimeZoneOffset like +07:00."))
    biz_step = epcis.normalise_biz_step(str(raw.get("bizStep", "other")))
    if not epcis.is_acceptable_biz_step(biz_step):
        raise CaptureError(400, _("Unknown bizStep: %(step)s") % {"step": biz_step})
    disposition = epcis.normalise_disposition(str(raw.get("disposition", "")))
    if disposition and disposition not in CBV_DISPOSITIONS:
        raise CaptureError(400, _("Unknown disposition: %(d)s") % {"d": disposition})
    action = raw.get("action", "")
    if kind != EventType.TRANSFORMATION and action not in ("ADD", "OBSERVE", "DELETE"):
        raise CaptureError(400, _("action must be ADD, OBSERVE or DELETE."))
    readings = []
    for element in raw.get("sensorElementList") or []:
        if isinstance(element, dict):
            readings.extend(element.get("sensorReport") or [])
    location = None
    point = (raw.get("bizLocation") or raw.get("readPoint") or {}).get("id", "")
    gln = point.rsplit("/414/", 1)[-1] if "/414/" in str(point) else ""
    if gln:
        location = Location.objects.for_producer(producer).filter(gln=gln).first()
    description = raw.get("xt:description") or {}
    quantity = None
    for item in raw.get("quantityList") or raw.get("outputQuantityList") or []:
        if isinstance(item, dict) and item.get("quantity") is not None:
            try:
                quantity = Decimal(str(item["quantity"]))
            except InvalidOperation as error:
                raise CaptureError(400, _("A quantity must be a number.")) from error
    return {
        "batch": batch,
        "event_type": kind,
        "action": action,
        "biz_step": biz_step,
        "disposition": disposition,
        "activity": str(raw.get("xt:activity", ""))[:30] if raw.get("xt:activity") in Activity.values else "",
        "event_time": event_time,
        "event_timezone_offset": offset,
        "location": location,
        "description_vi": str(description.get("vi", ""))[:2000] if isinstance(description, dict) else "",
        "description_en": str(description.get("en", ""))[:2000] if isinstance(description, dict) else "",
        "input_product": str(raw.get("xt:inputProduct", ""))[:200],
        "dose": str(raw.get("xt:dose", ""))[:100],
        "quantity": quantity,
        "sensor_readings": readings,
        "inputs": [(b, None) for b in inputs],
    }


def capture_document(document, token: CaptureToken) -> list[TraceEvent]:
    """Store the events of an EPCIS document on the token's producer's batches: all or nothing."""
    if not isinstance(document, dict):
        raise CaptureError(400, _("The body must be a JSON object."))
    ctx = document.get("@context")
    contexts = ctx if isinstance(ctx, list) else [ctx]
    if not any(c in epcis.ACCEPTED_CONTEXTS for c in contexts if isinstance(c, str)):
        raise CaptureError(400, _("The @context must include the EPCIS 2.0 context."))
    if document.get("type") == "EPCISDocument":
        events = (document.get("epcisBody") or {}).get("eventList")
    elif document.get("type") in EventType.values:
        events = [document]
    else:
        raise CaptureError(400, _("Send an EPCISDocument or a single event."))
    if not isinstance(events, list) or not events:
        raise CaptureError(400, _("The document has no events."))
    if len(events) > 500:
        raise CaptureError(413, _("At most 500 events per request."))
    parsed = [_parse_capture_event(raw, token.producer) for raw in events]
    stored = []
    try:
        with transaction.atomic():
            for fields in parsed:
                batch = fields.pop("batch")
                stored.append(record_event(batch, **fields))
            CaptureToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    except ValidationError as error:
        raise CaptureError(400, "; ".join(error.messages)) from error
    return stored
