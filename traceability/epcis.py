"""EPCIS 2.0 JSON-LD: our events as EPCIS, documents, and GS1's event hash IDs.

An event's EPCIS JSON is built once, when it is recorded, and stored (`TraceEvent.epcis`):
what is exported is exactly what was hashed, by GS1's event hash ID and by our chain.
Nothing in it depends on the site's domain: batches are GS1 Digital Links on GS1's own
resolver domain (`id.gs1.org`), and our own vocabulary lives under `XT_NAMESPACE`, a
constant that never follows `SITE_BASE_URL` (a new domain must not change any eventID).
"""

import copy
import math
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from decimal import Decimal

from django.utils import timezone

from .vocabulary import CUSTOM_BIZ_STEPS

CONTEXT_URL = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
ACCEPTED_CONTEXTS = {
    CONTEXT_URL,
    "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
    "https://gs1.github.io/EPCIS/epcis-context.jsonld",
}
# Our vocabulary (farm steps, extension fields, batches without a GTIN, locations without a
# GLN). Fixed for ever: changing it would change every eventID.
XT_NAMESPACE = "https://xuthanh.vn/voc/"
GS1_RESOLVER = "https://id.gs1.org"
UNIT_UOM = {
    "kg": "KGM",
    "t": "TNE",
    "g": "GRM",
    "l": "LTR",
}
SCHEMA_VERSION = "2.0"


def context() -> list:
    return [CONTEXT_URL, {"xt": XT_NAMESPACE}]


def batch_class_uri(batch) -> str:
    """The EPC class of a batch: its GS1 Digital Link on id.gs1.org, or our batch URI."""
    if batch.gtin:
        return f"{GS1_RESOLVER}/01/{batch.gtin}/10/{batch.lot_number}"
    return f"{XT_NAMESPACE}batch/{batch.public_code}"


def location_uri(location) -> str:
    """A GLN as a GS1 Digital Link, else a stable URI in our vocabulary."""
    if location.gln:
        return f"{GS1_RESOLVER}/414/{location.gln}"
    # "L" + id: an identifier ending in a short number ("/3") is normalised differently by
    # GS1's Python hash generator and by epcis2.js, so it would not verify everywhere.
    return f"{XT_NAMESPACE}location/L{location.pk}"


def province_uri(code: int) -> str:
    """A province as a destination: enough to trace a shipment, nothing about the buyer."""
    return f"{XT_NAMESPACE}province/P{code}"


def biz_step_uri(value: str) -> str:
    if value in CUSTOM_BIZ_STEPS:
        return XT_NAMESPACE + "BizStep-" + value
    return value


def parse_offset(offset: str) -> dt_timezone:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset[1:].split(":")
    return dt_timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def format_time(value: datetime, offset: str = "+07:00") -> str:
    return value.astimezone(parse_offset(offset)).isoformat(timespec="milliseconds")


def canonical_numbers(value):
    """Numbers as PostgreSQL's jsonb gives them back: integral floats become integers.

    jsonb keeps numbers as `numeric`, so 1e16 comes back as 10000000000000000; hashing the
    float's `1e+16` then broke the chain. Applied before anything is hashed or stored.
    Non-finite numbers have no JSON form and are refused.
    """
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("non-finite number")
        return int(value) if value.is_integer() else value
    if isinstance(value, Decimal):
        return canonical_numbers(int(value) if value == value.to_integral_value() else float(value))
    if isinstance(value, dict):
        return {k: canonical_numbers(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [canonical_numbers(v) for v in value]
    return value


def _quantity(batch, quantity, unit: str | None = None) -> dict:
    element = {"epcClass": batch_class_uri(batch)}
    if quantity is not None:
        element["quantity"] = canonical_numbers(Decimal(quantity))
        uom = UNIT_UOM.get(unit or batch.unit)
        if uom:  # counted units (pieces, packs, bottles) have no unit of measure in EPCIS
            element["uom"] = uom
    return element


def ilmd_of(batch) -> dict:
    """Lot master data carried by the event that creates the batch.

    In our namespace rather than CBV's `cbvmda:`: GS1's two hash generators disagree on
    `cbvmda:` fields (the Python one expands the prefix, epcis2.js does not know it).
    """
    ilmd = {"xt:lotNumber": batch.lot_number}
    if batch.production_date:
        ilmd["xt:productionDate"] = batch.production_date.isoformat()
    if batch.expiry_date:
        ilmd["xt:expiryDate"] = batch.expiry_date.isoformat()
    return ilmd


def build_event(
    event,
    inputs: list[tuple],
    certificates: list[str] = (),
    destination: str = "",
    order_code: str = "",
) -> dict:
    """A newly recorded event as EPCIS 2.0 JSON (without eventID, which is its hash).

    `inputs`: (batch, quantity) of a transformation; `certificates`: content hash URIs of
    its attachments; `destination`/`order_code`: where a shipment went and for which order.
    """
    data = {
        "type": event.event_type,
        "eventTime": format_time(event.event_time, event.event_timezone_offset),
        "eventTimeZoneOffset": event.event_timezone_offset,
    }
    output = [_quantity(event.batch, event.quantity)]
    if event.event_type == "TransformationEvent":
        if inputs:
            data["inputQuantityList"] = [_quantity(batch, qty) for batch, qty in inputs]
        else:
            data["transformationID"] = f"{XT_NAMESPACE}transformation/{event.batch.public_code}"
        data["outputQuantityList"] = output
    else:
        data["action"] = event.action or "OBSERVE"
        data["quantityList"] = output
    if event.biz_step:
        data["bizStep"] = biz_step_uri(event.biz_step)
    if event.disposition:
        data["disposition"] = event.disposition
    if event.location_id:
        data["readPoint"] = {"id": location_uri(event.location)}
        data["bizLocation"] = {"id": location_uri(event.location)}
    if order_code:
        data["bizTransactionList"] = [{"type": "po", "bizTransaction": f"{XT_NAMESPACE}order/{order_code}"}]
    if destination:
        data["destinationList"] = [{"type": "location", "destination": destination}]
    creates = event.event_type == "TransformationEvent" or event.action == "ADD"
    if creates and event.sequence == 1:
        data["ilmd"] = ilmd_of(event.batch)
    if event.sensor_readings:
        data["sensorElementList"] = [{"sensorReport": list(event.sensor_readings)}]
    if certificates:
        data["certificationInfo"] = list(certificates) if len(certificates) > 1 else certificates[0]
    extra = {
        "xt:activity": f"{XT_NAMESPACE}activity/{event.activity}" if event.activity else "",
        "xt:descriptionVi": event.description_vi,
        "xt:descriptionEn": event.description_en,
        "xt:inputProduct": event.input_product,
        "xt:dose": event.dose,
    }
    data.update({k: v for k, v in extra.items() if v})
    return canonical_numbers(data)


def event_hash_id(epcis_event: dict, ctx: list | None = None) -> str:
    """GS1's EPCIS event hash ID (CBV 2.0), which any EPCIS system can recompute."""
    from epcis_event_hash_generator import hash_generator, json_to_py

    event = {k: v for k, v in copy.deepcopy(epcis_event).items() if k != "eventID"}  # it rewrites its input
    document = {
        "@context": ctx or context(),
        "type": "EPCISDocument",
        "schemaVersion": SCHEMA_VERSION,
        "creationDate": "2000-01-01T00:00:00Z",
        "epcisBody": {"eventList": [event]},
    }
    events = json_to_py.event_list_from_epcis_document_json(document)
    return hash_generator.epcis_hashes_from_events(events, "sha256")[0]


def stored_event_to_epcis(event) -> dict:
    """A saved event exactly as it was hashed (recordTime is added by the repository, as EPCIS says)."""
    data = dict(event.epcis)
    data["recordTime"] = format_time(event.recorded_at)
    return data


def events_queryset(qs):
    return qs.select_related("batch", "location").prefetch_related(
        "inputs__input_batch", "attachments__document", "attachments__image", "corrections"
    )


def _contexts_of(events) -> list:
    """Our context plus every extension prefix the captured events were sent with."""
    prefixes = {"xt": XT_NAMESPACE}
    for event in events:
        for item in event.context or []:
            if isinstance(item, dict):
                for key, value in item.items():
                    prefixes.setdefault(key, value)
    return [CONTEXT_URL, prefixes]


def epcis_document(events, header: dict | None = None) -> dict:
    events = list(events)
    document = {
        "@context": _contexts_of(events),
        "type": "EPCISDocument",
        "schemaVersion": SCHEMA_VERSION,
        "creationDate": format_time(timezone.now()),
    }
    if header:
        document["epcisHeader"] = header
    document["epcisBody"] = {"eventList": [stored_event_to_epcis(e) for e in events]}
    return document


def epcis_query_document(events, query_name: str = "SimpleEventQuery") -> dict:
    events = list(events)
    return {
        "@context": _contexts_of(events),
        "type": "EPCISQueryDocument",
        "schemaVersion": SCHEMA_VERSION,
        "creationDate": format_time(timezone.now()),
        "epcisBody": {
            "queryResults": {
                "queryName": query_name,
                "resultsBody": {"eventList": [stored_event_to_epcis(e) for e in events]},
            }
        },
    }


def normalise_biz_step(value: str) -> str:
    """Bare CBV word, our own token, or the foreign URI as given."""
    for prefix in ("https://ref.gs1.org/cbv/BizStep-", "cbv:BizStep-", "urn:epcglobal:cbv:bizstep:"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    if value.startswith(XT_NAMESPACE + "BizStep-"):
        return value[len(XT_NAMESPACE + "BizStep-") :]
    return value


def normalise_disposition(value: str) -> str:
    for prefix in ("https://ref.gs1.org/cbv/Disp-", "cbv:Disp-", "urn:epcglobal:cbv:disp:"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value
