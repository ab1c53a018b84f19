"""EPCIS 2.0 JSON-LD: our events out (export, query) and GS1's event hash IDs.

Standard CBV values are written as bare words; our own farm steps as URIs under
`<SITE_BASE_URL>/voc/`; our extra facts as `xt:` extension fields declared in @context.
"""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from .digital_link import digital_link_path
from .vocabulary import CBV_BIZ_STEPS, CUSTOM_BIZ_STEPS

CONTEXT_URL = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
ACCEPTED_CONTEXTS = {
    CONTEXT_URL,
    "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
    "https://gs1.github.io/EPCIS/epcis-context.jsonld",
}
UNIT_UOM = {
    "kg": "KGM",
    "t": "TNE",
    "g": "GRM",
    "l": "LTR",
    "piece": "H87",
    "pack": "H87",
    "bottle": "H87",
    "roll": "H87",
}


def vocab_base() -> str:
    return settings.SITE_BASE_URL + "/voc/"


def context() -> list:
    return [CONTEXT_URL, {"xt": vocab_base()}]


def batch_class_uri(batch) -> str:
    """The EPC class of a batch: its Digital Link on our domain, or its short link."""
    if batch.gtin:
        return settings.SITE_BASE_URL + digital_link_path(batch.gtin, batch.lot_number)
    return f"{settings.SITE_BASE_URL}/t/{batch.public_code}"


def location_uri(location) -> str:
    if location.gln:
        return f"{settings.SITE_BASE_URL}/414/{location.gln}"
    return f"{settings.SITE_BASE_URL}/voc/location/{location.pk}"


def biz_step_uri(value: str) -> str:
    if value in CUSTOM_BIZ_STEPS:
        return vocab_base() + "BizStep-" + value
    return value


def parse_offset(offset: str) -> dt_timezone:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset[1:].split(":")
    return dt_timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def format_time(value: datetime, offset: str = "+07:00") -> str:
    return value.astimezone(parse_offset(offset)).isoformat(timespec="milliseconds")


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _quantity(batch, quantity) -> dict:
    element = {"epcClass": batch_class_uri(batch)}
    if quantity is not None:
        element["quantity"] = _number(quantity)
        element["uom"] = UNIT_UOM.get(batch.unit, "H87")
    return element


def event_to_epcis(event, inputs: list[tuple], attachment_urls: list[str], corrective_ids: list[str] = ()) -> dict:
    """One event as EPCIS 2.0 JSON. `inputs`: (batch, quantity) of a transformation."""
    data = {
        "type": event.event_type,
        "eventTime": format_time(event.event_time, event.event_timezone_offset),
        "eventTimeZoneOffset": event.event_timezone_offset,
    }
    if event.event_id:
        data["eventID"] = event.event_id
    if corrective_ids:
        data["errorDeclaration"] = {
            "declarationTime": format_time(event.recorded_at),
            "reason": "incorrect_data",
            "correctiveEventIDs": list(corrective_ids),
        }
    output = [_quantity(event.batch, event.quantity)]
    if event.event_type == "TransformationEvent":
        data["inputQuantityList"] = [_quantity(batch, qty) for batch, qty in inputs] or None
        data["outputQuantityList"] = output
        if not inputs:
            del data["inputQuantityList"]
            data["transformationID"] = f"{settings.SITE_BASE_URL}/t/{event.batch.public_code}#transformation"
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
    if event.sensor_readings:
        data["sensorElementList"] = [{"sensorReport": list(event.sensor_readings)}]
    if attachment_urls:
        data["certificationInfo"] = attachment_urls if len(attachment_urls) > 1 else attachment_urls[0]
    extra = {
        "xt:activity": event.activity,
        "xt:description": {k: v for k, v in (("vi", event.description_vi), ("en", event.description_en)) if v},
        "xt:inputProduct": event.input_product,
        "xt:dose": event.dose,
    }
    data.update({k: v for k, v in extra.items() if v})
    return data


def event_hash_id(epcis_event: dict) -> str:
    """GS1's EPCIS event hash ID (CBV 2.0), which any EPCIS system can recompute."""
    import copy

    from epcis_event_hash_generator import hash_generator, json_to_py

    epcis_event = copy.deepcopy(epcis_event)  # the generator rewrites what it is given
    document = {
        "@context": context(),
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": format_time(timezone.now()),
        "epcisBody": {"eventList": [{k: v for k, v in epcis_event.items() if k != "eventID"}]},
    }
    events = json_to_py.event_list_from_epcis_document_json(document)
    return hash_generator.epcis_hashes_from_events(events, "sha256")[0]


def stored_event_to_epcis(event, request=None) -> dict:
    """A saved event (inputs, attachments and corrections prefetched) as EPCIS JSON, with its chain hashes."""
    urls = []
    for attachment in event.attachments.all():
        item = attachment.document or attachment.image
        if attachment.document_id:
            url = attachment.document.url
        elif attachment.image_id:
            url = attachment.image.file.url
        else:
            continue
        if item is not None:
            urls.append(url if url.startswith("http") else settings.SITE_BASE_URL + url)
    inputs = [(i.input_batch, i.quantity) for i in event.inputs.all()]
    corrections = [c.event_id for c in event.corrections.all() if c.event_id]
    data = event_to_epcis(event, inputs, urls, corrections)
    data["xt:recordHash"] = event.record_hash
    if event.previous_hash:
        data["xt:previousHash"] = event.previous_hash
    data["recordTime"] = format_time(event.recorded_at)
    return data


def events_queryset(qs):
    return qs.select_related("batch", "location").prefetch_related(
        "inputs__input_batch", "attachments__document", "attachments__image", "corrections"
    )


def epcis_document(events) -> dict:
    return {
        "@context": context(),
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": format_time(timezone.now()),
        "epcisBody": {"eventList": [stored_event_to_epcis(e) for e in events]},
    }


def epcis_query_document(events) -> dict:
    return {
        "@context": context(),
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "creationDate": format_time(timezone.now()),
        "epcisBody": {
            "queryResults": {
                "queryName": "SimpleEventQuery",
                "resultsBody": {"eventList": [stored_event_to_epcis(e) for e in events]},
            }
        },
    }


def normalise_biz_step(value: str) -> str:
    """Bare CBV word, our own token, or the foreign URI as given."""
    for prefix in ("https://ref.gs1.org/cbv/BizStep-", "cbv:BizStep-", "urn:epcglobal:cbv:bizstep:"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    if value.startswith(vocab_base() + "BizStep-"):
        return value[len(vocab_base() + "BizStep-") :]
    return value


def normalise_disposition(value: str) -> str:
    for prefix in ("https://ref.gs1.org/cbv/Disp-", "cbv:Disp-", "urn:epcglobal:cbv:disp:"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def is_acceptable_biz_step(value: str) -> bool:
    return value in CBV_BIZ_STEPS or value in CUSTOM_BIZ_STEPS or value.startswith(("https://", "http://"))
