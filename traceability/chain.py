"""The hash chain of a batch's events: canonical JSON, SHA-256, verification.

Each event's `record_hash` = SHA-256(previous event's hash + "\\n" + canonical JSON of the
event). The canonical JSON is sorted, compact and UTF-8, over every stored field that says
what happened (including input batches and attachments), so changing any of them in the
database breaks the chain at that event, and every later event still points at the old hash.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC


def _decimal(value):
    return None if value is None else format(value.normalize(), "f")


def canonical_event(event, inputs: list[tuple], attachments: list[tuple]) -> dict:
    """The facts of an event. `inputs`: (batch public code, quantity); `attachments`: (title, doc id, image id)."""
    return {
        "batch": event.batch.public_code,
        "sequence": event.sequence,
        "type": event.event_type,
        "action": event.action,
        "bizStep": event.biz_step,
        "disposition": event.disposition,
        "activity": event.activity,
        "eventTime": event.event_time.astimezone(UTC).isoformat(),
        "eventTimeZoneOffset": event.event_timezone_offset,
        "location": event.location_id,
        "description": [event.description_vi, event.description_en],
        "inputProduct": event.input_product,
        "dose": event.dose,
        "quantity": _decimal(event.quantity),
        "sensorReadings": event.sensor_readings or [],
        "corrects": event.corrects_id,
        "inputs": [[code, _decimal(qty)] for code, qty in inputs],
        "attachments": [list(a) for a in attachments],
        "recordedBy": event.recorded_by_id,
        "recordedAt": event.recorded_at.astimezone(UTC).isoformat(),
        "eventID": event.event_id,
    }


def canonical_json(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def chain_hash(previous_hash: str, data: dict) -> str:
    return hashlib.sha256((previous_hash + "\n" + canonical_json(data)).encode()).hexdigest()


def stored_facts(event) -> dict:
    """The canonical facts of a saved event (inputs and attachments prefetched)."""
    inputs = [(i.input_batch.public_code, i.quantity) for i in event.inputs.all()]
    attachments = [(a.title, a.document_id, a.image_id) for a in event.attachments.all()]
    return canonical_event(event, inputs, attachments)


@dataclass
class ChainResult:
    intact: bool
    broken_event: object = None  # the first event whose hash does not verify
    count: int = 0

    def __bool__(self):
        return self.intact

    def __iter__(self):  # lets callers unpack `intact, broken = verify_chain()`
        return iter((self.intact, self.broken_event))


def verify_events(events: list) -> ChainResult:
    """Recompute every hash in order; report the first event that does not match."""
    previous = ""
    for position, event in enumerate(events, start=1):
        if (
            event.sequence != position
            or event.previous_hash != previous
            or chain_hash(previous, stored_facts(event)) != event.record_hash
        ):
            return ChainResult(False, event, len(events))
        previous = event.record_hash
    return ChainResult(True, None, len(events))
