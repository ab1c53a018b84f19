"""Check a published EPCIS document of a batch with nothing but its content and the public key.

What a third party runs (`manage.py verify_trace <file or URL> --public-key …`): each hash
eventID recomputed with GS1's generator, the chain recomputed from the header's batch facts,
and the head's Ed25519 signature checked.
"""

import copy

from . import signing
from .chain import chain_hash
from .epcis import event_hash_id


def verify_document(document: dict, public_key: str) -> list[str]:
    """Problems found (empty when the record verifies)."""
    problems = []
    chain = (document.get("epcisHeader") or {}).get("xt:chain")
    if not chain:
        return ["The document has no chain data (epcisHeader → xt:chain)."]
    events = document["epcisBody"]["eventList"]
    prefixes = {}
    for item in document.get("@context") or []:
        if isinstance(item, dict):
            prefixes.update({k: v for k, v in item.items() if isinstance(v, str)})
    ctx = [c for c in document["@context"] if isinstance(c, str)] + [prefixes]
    previous = chain_hash("", {"batch": chain["batch"]})
    if previous != chain["genesis"]:
        problems.append("The batch's facts do not match the start of the chain.")
    if len(events) != len(chain["events"]):
        problems.append("The header and the body list different numbers of events.")
    for event, link in zip(events, chain["events"], strict=False):
        event_id = event.get("eventID", "")
        if event_id.startswith("ni:///") and event_hash_id(copy.deepcopy(event), ctx) != event_id:
            problems.append(f"Event {link['sequence']}: its eventID does not match its content.")
        facts = {k: v for k, v in event.items() if k != "recordTime"}
        data = {
            "sequence": link["sequence"],
            "event": facts,
            "recordTime": event.get("recordTime"),
            "location": link["location"],
        }
        previous = chain_hash(previous, data)
        if previous != link["recordHash"]:
            problems.append(f"Event {link['sequence']}: the chain breaks here.")
            break
    head = chain["head"]
    if (head["events"], head["hash"]) != (len(events), previous):
        problems.append("The signed head does not match the events: some are missing or were added.")
    if not signing.verify_head(chain["batch"]["id"], head["events"], head["hash"], chain["signature"], public_key):
        problems.append("The signature does not verify with this public key.")
    return problems
