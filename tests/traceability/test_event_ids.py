"""Exported eventIDs are GS1 event hash IDs that two independent implementations recompute."""

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from traceability.models import Batch, TraceEvent
from traceability.services import record_event

from .oracles import epcis2js_hashes, python_hashes

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")


@pytest.fixture
def rich_chain(shop, recorded_chain):
    """Every kind of event we record: farm steps, a transformation, a certificate, a correction, a shipment."""
    from wagtail.documents.models import Document

    pork = Batch.objects.create(
        product=shop.product, lot_number="PORK-9", production_date=datetime.date(2026, 10, 1), quantity=50
    )
    record_event(pork, activity="harvesting", event_time=timezone.now(), quantity=50, location=shop.kitchen)
    certificate = Document.objects.create(title="Phiếu kiểm nghiệm", file=ContentFile(b"%PDF-1.4 lab", name="lab.pdf"))
    now = timezone.now()
    record_event(shop.batch, activity="processing", event_time=now, inputs=[(pork, 40)], location=shop.kitchen)
    record_event(shop.batch, activity="inspecting", event_time=now, attachments=[("Lab", certificate, None)])
    record_event(shop.batch, activity="correcting", event_time=now, corrects=recorded_chain[1], dose="1.5 kg/ha")
    record_event(
        shop.batch,
        activity="shipping",
        event_time=now,
        quantity=12,
        destination="https://id.gs1.org/414/8930000000019",
        order_code="XT-ABC123",
    )
    record_event(shop.batch, activity="receiving", event_time=now, quantity=12)
    return list(TraceEvent.objects.filter(batch=shop.batch).order_by("sequence"))


def _export(client, batch) -> dict:
    response = client.get(f"/t/{batch.public_code}?format=epcis")
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_exported_event_id_recomputes_with_both_gs1_oracles(client, shop, rich_chain, recorded_chain):
    document = _export(client, shop.batch)
    events = document["epcisBody"]["eventList"]
    assert len(events) == len(rich_chain) == 9
    exported = [e["eventID"] for e in events]
    assert exported == [e.event_id for e in rich_chain]
    assert [e["eventID"] for e in events if "errorDeclaration" in e] == [recorded_chain[1].event_id]
    assert python_hashes(document) == exported
    assert epcis2js_hashes(document) == exported
    # Nothing is added to an event after hashing (the chain lives in the header).
    assert not any(key.startswith("xt:recordHash") or key == "xt:previousHash" for e in events for key in e)
    shipment = events[7]
    assert shipment["bizTransactionList"][0]["bizTransaction"].endswith("order/XT-ABC123")
    assert shipment["destinationList"][0]["destination"] == "https://id.gs1.org/414/8930000000019"
    assert events[4]["certificationInfo"].startswith("ni:///sha-256;")


def test_event_ids_do_not_depend_on_the_site_domain(client, shop, rich_chain, settings):
    first = _export(client, shop.batch)
    settings.SITE_BASE_URL = "https://a-new-domain.example"
    from traceability.trace_page import drop_cached_trace_pages

    drop_cached_trace_pages(shop.batch.pk)
    second = _export(client, shop.batch)
    assert first["epcisBody"] == second["epcisBody"]
    assert "a-new-domain" not in json.dumps(second["epcisBody"]) and "127.0.0.1" not in json.dumps(first["epcisBody"])
    assert python_hashes(second) == [e.event_id for e in rich_chain]


def test_the_export_validates_and_carries_the_chain_in_its_header(client, shop, rich_chain, gs1_file):
    from jsonschema import Draft7Validator

    from traceability import signing
    from traceability.chain import chain_hash

    schema = json.loads(gs1_file("epcis-json-schema.json").read_text())
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    document = _export(client, shop.batch)
    assert [e.message for e in validator.iter_errors(document)] == []
    chain = document["epcisHeader"]["xt:chain"]
    # A third party recomputes the chain from what is published.
    previous = chain["genesis"]
    assert previous == chain_hash("", {"batch": chain["batch"]})
    for event, link in zip(document["epcisBody"]["eventList"], chain["events"], strict=True):
        facts = {k: v for k, v in event.items() if k != "recordTime"}
        data = {
            "sequence": link["sequence"],
            "event": facts,
            "recordTime": event["recordTime"],
            "location": link["location"],
        }
        previous = chain_hash(previous, data)
        assert previous == link["recordHash"]
    assert chain["head"] == {"events": 9, "hash": previous}
    assert signing.verify_head(chain["batch"]["id"], 9, previous, chain["signature"], chain["publicKey"])


def test_shipping_an_order_line_names_the_order_and_the_province(client, shop):
    from orders.seller_services import _record_shipping_event

    from .orders_helpers import make_order_with_line

    order = make_order_with_line(shop.variant, shop.batch)
    _record_shipping_event(order.lines.get(), shop.batch, None)
    document = _export(client, shop.batch)
    event = document["epcisBody"]["eventList"][-1]
    assert event["bizStep"] == "shipping"
    assert event["bizTransactionList"] == [
        {"type": "po", "bizTransaction": f"https://xuthanh.vn/voc/order/{order.code}"}
    ]
    assert event["destinationList"] == [{"type": "location", "destination": "https://xuthanh.vn/voc/province/P38"}]
    assert python_hashes(document) == epcis2js_hashes(document) == [event["eventID"]]
