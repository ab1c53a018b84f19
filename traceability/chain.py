"""The hash chain of a batch: canonical JSON, SHA-256, a signed head, verification.

The chain starts from the batch's own facts (product, lot, dates, quantity, origin), so an
edit of the batch row breaks it. Each event's `record_hash` = SHA-256(previous hash + "\\n" +
canonical JSON of {sequence, the event's EPCIS JSON exactly as exported, its record time,
the master data of its location}). Everything hashed is published (the EPCIS document and
`/t/<code>/chain.json`), so anyone can recompute the chain. The head (latest hash and number
of events) is signed with Ed25519 (`traceability.signing`): a truncated, wiped or re-sealed
chain no longer matches a signature only the site's key can make.
"""

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from . import signing
from .epcis import batch_class_uri, canonical_numbers, format_time, location_uri


def canonical_json(data) -> str:
    return json.dumps(canonical_numbers(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(previous_hash: str, data: dict) -> str:
    return hashlib.sha256((previous_hash + "\n" + canonical_json(data)).encode()).hexdigest()


def _decimal(value) -> str | None:
    return None if value is None else format(Decimal(value).normalize(), "f")


def location_facts(location) -> dict | None:
    if location is None:
        return None
    return {
        "id": location_uri(location),
        "name": location.name,
        "kind": location.kind,
        "address": location.address,
        "gln": location.gln,
        "latitude": location.latitude,
        "longitude": location.longitude,
    }


def batch_facts(batch) -> dict:
    return {
        "id": batch_class_uri(batch),
        "code": batch.public_code,
        "product": batch.product_id,
        "gtin": batch.gtin,
        "lot": batch.lot_number,
        "productionDate": batch.production_date.isoformat() if batch.production_date else None,
        "expiryDate": batch.expiry_date.isoformat() if batch.expiry_date else None,
        "quantity": _decimal(batch.quantity),
        "unit": batch.unit,
        "origin": location_facts(batch.origin) if batch.origin_id else None,
    }


def genesis_hash(batch) -> str:
    """Where the chain starts: a hash of the batch's own facts."""
    return chain_hash("", {"batch": batch_facts(batch)})


def event_facts(event) -> dict:
    return {
        "sequence": event.sequence,
        "event": event.epcis,
        "recordTime": format_time(event.recorded_at),
        "location": location_facts(event.location) if event.location_id else None,
    }


def sign_batch(batch, length: int, head: str) -> str:
    return signing.sign_head(batch_class_uri(batch), length, head)


@dataclass
class ChainResult:
    intact: bool
    broken_event: object = None  # the first event whose hash or content does not verify
    count: int = 0
    reason: str = ""  # "", "altered", "batch", "truncated", "signature"
    signed_count: int = 0

    def __bool__(self):
        return self.intact

    def __iter__(self):  # lets callers unpack `intact, broken = verify_chain()`
        return iter((self.intact, self.broken_event))


def verify_events(batch, events: list, public_key: str | None = None) -> ChainResult:
    """Recompute the chain from the batch's facts, check each event's shown fields against its
    EPCIS JSON, then the signed head: the first failure is reported."""
    from .event_fields import columns_match

    previous = genesis_hash(batch)
    for position, event in enumerate(events, start=1):
        if event.sequence != position or event.previous_hash != previous:
            reason = "batch" if position == 1 and event.sequence == 1 else "altered"
            return ChainResult(False, event, len(events), reason, batch.chain_length)
        if chain_hash(previous, event_facts(event)) != event.record_hash or not columns_match(event):
            return ChainResult(False, event, len(events), "altered", batch.chain_length)
        previous = event.record_hash
    signed = signing.verify_head(
        batch_class_uri(batch), batch.chain_length, batch.chain_head, batch.chain_signature, public_key
    )
    if not signed:
        return ChainResult(False, None, len(events), "signature", batch.chain_length)
    if batch.chain_length != len(events) or batch.chain_head != previous:
        return ChainResult(False, None, len(events), "truncated", batch.chain_length)
    return ChainResult(True, None, len(events), "", batch.chain_length)


def chain_header(batch, events: list) -> dict:
    """What a third party needs to recompute and check the chain (published with the events)."""
    return {
        "algorithm": "SHA-256(previous + LF + canonical JSON), head signed with Ed25519",
        "batch": batch_facts(batch),
        "genesis": genesis_hash(batch),
        "events": [
            {
                "eventID": e.event_id,
                "sequence": e.sequence,
                "previousHash": e.previous_hash,
                "recordHash": e.record_hash,
                "location": location_facts(e.location) if e.location_id else None,
            }
            for e in events
        ],
        "head": {"events": batch.chain_length, "hash": batch.chain_head},
        "signature": batch.chain_signature,
        "signatureAlgorithm": signing.ALGORITHM,
        "publicKey": signing.public_key_b64(),
    }
