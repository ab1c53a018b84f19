"""EPCIS 2.0 capture: validate a document, then store its events as received.

Order of checks: size and nesting depth of the raw body (before parsing, so that a deeply
nested document cannot exhaust the parser), strict JSON (no NaN/Infinity, no NUL), GS1's EPCIS
2.0 JSON schema (when installed, see `schema.py`), then what our database needs (dates it can
hold, bounded strings) and the batches named. Every error names the event and the field.
All events are stored or none. An event is stored as received (numbers written the way
PostgreSQL gives them back) and exported unchanged; a sender's eventID is kept; an event seen
before (same eventID or same GS1 hash) is not stored twice.
"""

import json
import logging
import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from . import epcis
from .digital_link import DigitalLinkError, parse_digital_link
from .event_fields import columns_from_epcis
from .models import Batch, CaptureToken, EventInput, Location, TraceEvent
from .schema import schema_errors
from .services import append_to_chain
from .trace_page import drop_cached_trace_pages
from .vocabulary import CBV_DISPOSITIONS, EventType, is_known_biz_step

security_log = logging.getLogger("xuthanh.security")

MAX_BODY_BYTES = 2_000_000
MAX_DEPTH = 32
MAX_EVENTS = 500
MAX_STRING = 4000
MAX_URI = 1000
OFFSET_RE = re.compile(r"^[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)$")
LIST_FIELDS = (
    "epcList",
    "childEPCs",
    "inputEPCList",
    "outputEPCList",
    "quantityList",
    "childQuantityList",
    "inputQuantityList",
    "outputQuantityList",
    "bizTransactionList",
    "sourceList",
    "destinationList",
    "sensorElementList",
)
# Where an event names the batch it belongs to, in order of preference.
OUTPUT_FIELDS = ("outputQuantityList", "outputEPCList", "quantityList", "epcList", "childQuantityList", "childEPCs")
INPUT_FIELDS = ("inputQuantityList", "inputEPCList")
LGTIN_RE = re.compile(r"^urn:epc:class:lgtin:(\d+)\.(\d+)\.(.+)$")
BATCH_URI_RE = re.compile(r"/(?:t|batch)/([A-Za-z0-9_-]{6,24})$")


class CaptureError(Exception):
    """A refused document: an HTTP status and the problems found (event index, field, message)."""

    def __init__(self, status: int, message: str, problems: list | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.problems = problems or []


@dataclass
class CaptureResult:
    stored: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)  # eventIDs already held

    @property
    def event_ids(self) -> list[str]:
        return [e.event_id for e in self.stored]


def _problem(index, path, message) -> dict:
    where = "/".join(str(p) for p in path)
    return {"event": index, "field": where, "message": str(message)}


def check_depth(body: bytes, limit: int = MAX_DEPTH) -> bool:
    """True when the JSON text nests no deeper than `limit` (strings are skipped)."""
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return False
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return True


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def parse_body(body: bytes):
    if len(body) > MAX_BODY_BYTES:
        raise CaptureError(413, _("The document is too large (at most 2 MB)."))
    if not check_depth(body):
        raise CaptureError(400, _("The document is nested too deeply."))
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError) as error:
        raise CaptureError(400, _("The body is not valid JSON: %(error)s") % {"error": error}) from error


def _strings_ok(value, path, problems, index):
    """No NUL (PostgreSQL text cannot hold it) and bounded strings, keys included."""
    if isinstance(value, str):
        if "\x00" in value:
            problems.append(_problem(index, path, _("Text may not contain NUL characters.")))
        elif len(value) > MAX_STRING:
            problems.append(_problem(index, path, _("Text is too long.")))
    elif isinstance(value, float) and not math.isfinite(value):  # 1e400 parses as infinity
        problems.append(_problem(index, path, _("Numbers must be finite.")))
    elif isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in key or len(key) > 200:
                problems.append(_problem(index, [*path, key[:40]], _("Invalid field name.")))
            _strings_ok(item, [*path, key], problems, index)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            _strings_ok(item, [*path, n], problems, index)


def _time(raw, path, problems, index, required=True):
    if raw is None and not required:
        return None
    try:
        value = parse_datetime(raw) if isinstance(raw, str) else None
        if value is None or timezone.is_naive(value):
            raise ValueError
        value.astimezone(UTC)  # year 1 at +14:00 is before year 1 in UTC
        if not 1900 <= value.year <= 9999:
            raise ValueError
    except (ValueError, OverflowError):
        problems.append(_problem(index, path, _("A date and time with an offset, between 1900 and 9999, is required.")))
        return None
    return value


def _check_event(raw, index: int, problems: list) -> None:
    """Our own checks: the database must be able to hold what the schema lets through."""
    if not isinstance(raw, dict):
        problems.append(_problem(index, [], _("Each event must be an object.")))
        return
    if raw.get("type") not in EventType.values:
        problems.append(_problem(index, ["type"], _("Unsupported event type.")))
    event_time = _time(raw.get("eventTime"), ["eventTime"], problems, index)
    if event_time and event_time > timezone.now() + timezone.timedelta(minutes=10):
        problems.append(_problem(index, ["eventTime"], _("An event cannot be in the future.")))
    _time(raw.get("recordTime"), ["recordTime"], problems, index, required=False)
    if not (isinstance(raw.get("eventTimeZoneOffset"), str) and OFFSET_RE.match(raw["eventTimeZoneOffset"])):
        problems.append(_problem(index, ["eventTimeZoneOffset"], _("A time zone offset looks like +07:00.")))
    for name in LIST_FIELDS:
        if name in raw and not isinstance(raw[name], list):
            problems.append(_problem(index, [name], _("This field must be a list.")))
    for name in ("readPoint", "bizLocation"):
        if name in raw and not (isinstance(raw[name], dict) and isinstance(raw[name].get("id"), str)):
            problems.append(_problem(index, [name], _("This field must be an object with an id.")))
    for name in ("bizStep", "disposition", "eventID", "parentID", "transformationID"):
        if name in raw and not (isinstance(raw[name], str) and 0 < len(raw[name]) <= MAX_URI):
            problems.append(_problem(index, [name], _("This field must be a URI of at most 1000 characters.")))
    if isinstance(raw.get("bizStep"), str):
        step = epcis.normalise_biz_step(raw["bizStep"])
        if len(step) > 200:
            problems.append(_problem(index, ["bizStep"], _("A business step has at most 200 characters.")))
        elif not (is_known_biz_step(step) or ":" in step):
            problems.append(_problem(index, ["bizStep"], _("Unknown business step: use a CBV word or a URI.")))
    if isinstance(raw.get("disposition"), str):
        disposition = epcis.normalise_disposition(raw["disposition"])
        if not (disposition in CBV_DISPOSITIONS or ":" in disposition):
            problems.append(_problem(index, ["disposition"], _("Unknown disposition: use a CBV word or a URI.")))
    kind = raw.get("type")
    if (
        kind in EventType.values
        and kind != EventType.TRANSFORMATION
        and raw.get("action") not in ("ADD", "OBSERVE", "DELETE")
    ):
        problems.append(_problem(index, ["action"], _("action must be ADD, OBSERVE or DELETE.")))
    for name in ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"):
        for n, item in enumerate(raw.get(name) or [] if isinstance(raw.get(name), list) else []):
            if not isinstance(item, dict) or not isinstance(item.get("epcClass"), str):
                problems.append(_problem(index, [name, n], _("Each quantity needs an epcClass.")))
            elif "quantity" in item and (
                isinstance(item["quantity"], bool) or not isinstance(item["quantity"], int | float)
            ):
                problems.append(_problem(index, [name, n, "quantity"], _("A quantity must be a number.")))
    _strings_ok(raw, [], problems, index)


def _gtin_from_lgtin(prefix: str, item_ref: str) -> str:
    from catalogue.gtin import gtin_check_digit

    body = item_ref[:1] + prefix + item_ref[1:]
    return body + str(gtin_check_digit(body)) if len(body) == 13 else ""


def batch_for_uri(uri) -> Batch | None:
    """Our batch named by an identifier: a Digital Link with a lot, an LGTIN, or our batch URI."""
    if not isinstance(uri, str):
        return None
    batches = Batch.objects.select_related("producer", "origin")
    match = BATCH_URI_RE.search(uri)
    if match and (uri.startswith(epcis.XT_NAMESPACE) or "/t/" in uri):
        return batches.filter(public_code=match.group(1)).first()
    match = LGTIN_RE.match(uri)
    if match:
        from urllib.parse import unquote

        gtin = _gtin_from_lgtin(match.group(1), match.group(2))
        return batches.filter(gtin=gtin, lot_number=unquote(match.group(3))).first() if gtin else None
    if not uri.startswith(("https://", "http://")):
        return None
    try:
        link = parse_digital_link(uri, allow_short_gtin=True)
    except DigitalLinkError:
        return None
    if not link.gtin or not link.lot:
        return None
    return batches.filter(gtin=link.gtin, lot_number=link.lot).first()


def _identifiers(raw: dict, names) -> list[str]:
    found = []
    for name in names:
        for item in raw.get(name) or []:
            found.append(item.get("epcClass") if isinstance(item, dict) else item)
    return [u for u in found if isinstance(u, str)]


def _batches_of(raw: dict, index: int, producer, problems: list):
    """(the batch whose chain holds the event, its input batches), or None with a problem."""
    outputs = [b for b in map(batch_for_uri, _identifiers(raw, OUTPUT_FIELDS)) if b]
    if raw.get("parentID"):
        parent = batch_for_uri(raw["parentID"])
        outputs += [parent] if parent else []
    inputs = [b for b in map(batch_for_uri, _identifiers(raw, INPUT_FIELDS)) if b]
    for batch in outputs + inputs:
        if batch.producer.translation_key != producer.translation_key:
            security_log.warning(
                "EPCIS capture refused: producer %s sent an event for batch %s of producer %s",
                producer.pk,
                batch.pk,
                batch.producer_id,
            )
            raise CaptureError(403, _("An event names a batch of another producer; nothing was stored."))
    chain_batch = (outputs or inputs or [None])[0]
    if chain_batch is None:
        problems.append(_problem(index, [], _("The event names none of your batches (by Digital Link or LGTIN).")))
        return None
    extra = []
    for batch in inputs:
        if batch.pk != chain_batch.pk and batch.pk not in {b.pk for b in extra}:
            extra.append(batch)
    return chain_batch, extra


def _prefixes(document: dict) -> list:
    ctx = document.get("@context")
    return [c for c in (ctx if isinstance(ctx, list) else [ctx]) if isinstance(c, dict)]


def _hash_context(prefixes: list) -> list:
    """The prefixes GS1's hash generator can read (it takes only plain string IRIs)."""
    simple = {"xt": epcis.XT_NAMESPACE}
    for item in prefixes:
        simple.update({k: v for k, v in item.items() if isinstance(v, str)})
    return [epcis.CONTEXT_URL, simple]


def _hash_id(event: dict, ctx: list) -> str:
    try:
        return epcis.event_hash_id(event, ctx)
    except Exception:  # noqa: BLE001 -- the generator fails on some valid events; dedup then uses eventID only
        log = logging.getLogger(__name__)
        log.info("GS1 hash generator could not hash a captured event", exc_info=True)
        return ""


def _content_uuid(event: dict) -> str:
    text = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, epcis.XT_NAMESPACE + 'event/' + text)}"


def events_of(document) -> list:
    if not isinstance(document, dict):
        raise CaptureError(400, _("The body must be a JSON object."))
    ctx = document.get("@context")
    contexts = ctx if isinstance(ctx, list) else [ctx]
    if not any(c in epcis.ACCEPTED_CONTEXTS for c in contexts if isinstance(c, str)):
        raise CaptureError(
            400, _("The @context must include the EPCIS 2.0 context."), [_problem(None, ["@context"], "")]
        )
    if document.get("type") == "EPCISDocument":
        body = document.get("epcisBody")
        events = body.get("eventList") if isinstance(body, dict) else None
    elif document.get("type") in EventType.values:
        events = [document]
    else:
        raise CaptureError(400, _("Send an EPCISDocument or a single event."), [_problem(None, ["type"], "")])
    if not isinstance(events, list) or not events:
        raise CaptureError(400, _("The document has no events."), [_problem(None, ["epcisBody", "eventList"], "")])
    if len(events) > MAX_EVENTS:
        raise CaptureError(413, _("At most 500 events per request."))
    return events


def _location_for(raw: dict, producer) -> Location | None:
    point = raw.get("bizLocation") or raw.get("readPoint") or {}
    uri = point.get("id", "")
    if uri.startswith(epcis.GS1_RESOLVER + "/414/"):
        gln = uri[len(epcis.GS1_RESOLVER + "/414/") :].split("/")[0]
        return Location.objects.for_producer(producer).filter(gln=gln).first()
    if uri.startswith(epcis.XT_NAMESPACE + "location/"):
        pk = uri[len(epcis.XT_NAMESPACE + "location/L") :]
        return Location.objects.for_producer(producer).filter(pk=pk).first() if pk.isdigit() else None
    return None


def capture_document(document, token: CaptureToken) -> CaptureResult:
    """Store the events of an EPCIS document on the token's producer's batches: all or nothing."""
    from .schema import SCHEMA_PROBLEM_LIMIT

    events = events_of(document)
    problems = schema_errors(document)[:SCHEMA_PROBLEM_LIMIT]
    if problems:
        raise CaptureError(400, _("The document does not follow GS1's EPCIS 2.0 schema."), problems)
    for index, raw in enumerate(events):
        _check_event(raw, index, problems)
    if problems:
        raise CaptureError(400, _("Some events cannot be stored."), problems)
    prefixes = _prefixes(document) if document.get("type") == "EPCISDocument" else _prefixes(events[0])
    hash_ctx = _hash_context(prefixes)
    planned = []
    for index, raw in enumerate(events):
        found = _batches_of(raw, index, token.producer, problems)
        if found is None:
            continue
        stored = epcis.canonical_numbers({k: v for k, v in raw.items() if k not in ("recordTime", "@context")})
        hash_id = _hash_id(stored, hash_ctx)
        # GS1's generator fails on a few valid events (a bizTransaction without type): then a
        # name-based UUID of the event's content, so that a resend is still recognised.
        stored["eventID"] = stored.get("eventID") or hash_id or _content_uuid(stored)
        planned.append((index, found, stored, hash_id))
    if problems:
        raise CaptureError(400, _("Some events cannot be stored."), problems)
    return _store(planned, prefixes, token)


def _store(planned, prefixes, token) -> CaptureResult:
    result = CaptureResult()
    seen: set[str] = set()
    now = timezone.now()
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)
    touched = set()
    with transaction.atomic():
        for _index, (batch, inputs), stored, hash_id in planned:
            keys = {stored["eventID"], hash_id} - {""}
            held = TraceEvent.objects.for_producer(token.producer).filter(event_id__in=keys)
            if hash_id:
                held = held | TraceEvent.objects.for_producer(token.producer).filter(hash_id=hash_id)
            if keys & seen or held.exists():
                result.duplicates.append(stored["eventID"])
                continue
            seen.update(keys)
            locked = Batch.objects.select_for_update(of=("self",)).select_related("origin").get(pk=batch.pk)
            columns = columns_from_epcis(stored)
            columns["biz_step"] = columns["biz_step"] or "other"
            event = TraceEvent(
                batch=locked,
                location=_location_for(stored, token.producer),
                recorded_at=now,
                epcis=stored,
                context=prefixes,
                event_id=stored["eventID"],
                hash_id=hash_id,
                **columns,
            )
            append_to_chain(locked, event)
            EventInput.objects.bulk_create([EventInput(event=event, input_batch=b) for b in inputs])
            result.stored.append(event)
            touched.add(batch.pk)
        CaptureToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    if touched:
        transaction.on_commit(lambda: drop_cached_trace_pages(*touched))
    return result
