"""EPCIS capture: GS1's schema first, problem+json errors, nothing written on bad input; events
stored as received and returned unchanged; senders' eventIDs kept; duplicates stored once."""

import copy
import json
from pathlib import Path

import pytest

from traceability.models import CaptureToken, TraceEvent

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")

EXAMPLES = sorted(p.name for p in (Path(__file__).resolve().parents[3] / "shared/data/gs1/examples").glob("*.jsonld"))


@pytest.fixture
def token(shop):
    token = CaptureToken(producer=shop.producer, name="packing line")
    raw = token.set_new_token()
    token.save()
    return raw


@pytest.fixture(params=["with GS1 schema", "own checks only"])
def schema_mode(request, settings, gs1_file, tmp_path):
    """Malformed input is refused by the schema, and also by our own checks when it is absent."""
    from traceability import schema

    if request.param == "own checks only":
        settings.EPCIS_JSON_SCHEMA = str(tmp_path / "absent.json")
    else:
        settings.EPCIS_JSON_SCHEMA = str(gs1_file("epcis-json-schema.json"))
    schema.validator.cache_clear()
    yield request.param
    schema.validator.cache_clear()


def _post(client, token, body):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(
        "/api/epcis/capture", data, content_type="application/ld+json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def _doc(events):
    return {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-11-20T08:00:00+07:00",
        "epcisBody": {"eventList": events},
    }


def _event(batch, **extra):
    event = {
        "type": "ObjectEvent",
        "action": "OBSERVE",
        "eventTime": "2026-11-20T07:30:00+07:00",
        "eventTimeZoneOffset": "+07:00",
        "bizStep": "storing",
        "quantityList": [
            {"epcClass": f"https://id.gs1.org/01/{batch.gtin}/10/{batch.lot_number}", "quantity": 452, "uom": "KGM"}
        ],
    }
    event.update(extra)
    return event


def _lgtin(batch) -> str:
    """urn:epc:class:lgtin: with a 9-digit company prefix (893456789)."""
    gtin = batch.gtin
    return f"urn:epc:class:lgtin:{gtin[1:10]}.{gtin[0]}{gtin[10:13]}.{batch.lot_number}"


def point_at(event: dict, batch, serial: int) -> None:
    """Make a GS1 example name our batch: its first output/object identifier becomes our lot."""
    lot = f"https://id.gs1.org/01/{batch.gtin}/10/{batch.lot_number}"
    for name in ("outputQuantityList", "quantityList", "childQuantityList"):
        if event.get(name):
            event[name][0]["epcClass"] = lot if serial % 2 else _lgtin(batch)
            return
    for name in ("outputEPCList", "epcList", "childEPCs"):
        if event.get(name):
            event[name][0] = f"{lot}/21/{serial}"
            return
    raise AssertionError(f"no identifier to point at in {event['type']}")


def _query(client, token, **params):
    response = client.get("/api/epcis/events", params, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    assert response["GS1-EPCIS-Version"] == "2.0.0"
    return response, json.loads(response.content)["epcisBody"]["queryResults"]["resultsBody"]["eventList"]


@pytest.mark.parametrize("name", EXAMPLES or ["(absent)"])
def test_gs1_example_is_captured_and_returned_unchanged(client, shop, token, gs1_file, name):
    path = gs1_file(f"examples/{name}")
    document = json.loads(path.read_text())
    for n, event in enumerate(document["epcisBody"]["eventList"]):
        point_at(event, shop.batch, n + 1)
    sent = copy.deepcopy(document["epcisBody"]["eventList"])
    response = _post(client, token, document)
    assert response.status_code == 201, response.content
    assert json.loads(response.content)["stored"] == len(sent)
    _response, returned = _query(client, token, perPage="500")
    assert len(returned) == len(sent)
    for original, back in zip(sent, returned, strict=True):
        expected = {k: v for k, v in original.items() if k != "recordTime"}
        got = {k: v for k, v in back.items() if k != "recordTime"}
        if "eventID" not in original:  # ours: GS1's hash ID of the event (a content UUID where it fails)
            assert got.pop("eventID").startswith(("ni:///sha-256;", "urn:uuid:"))
        assert got == expected
    assert shop.batch.verify_chain().intact
    # The same document again stores nothing (same eventIDs, or same hash when it has none).
    again = _post(client, token, document)
    assert again.status_code == 201 and json.loads(again.content)["stored"] == 0
    assert TraceEvent.objects.filter(batch=shop.batch).count() == len(sent)


def test_units_and_sender_event_ids_are_kept(client, shop, token):
    event = _event(shop.batch, eventID="urn:uuid:9b2d6a1e-55a3-4c1e-9f3e-0a8f3a6f1d2c")
    assert _post(client, token, _doc([event])).status_code == 201
    stored = TraceEvent.objects.get(batch=shop.batch)
    assert stored.event_id == event["eventID"]
    assert stored.epcis["quantityList"][0] == {**event["quantityList"][0]}  # 452 KGM stays KGM
    same_content = _event(shop.batch)  # no eventID: same GS1 hash as the stored one
    response = _post(client, token, _doc([same_content]))
    assert json.loads(response.content) == {"stored": 0, "eventIDs": [], "duplicates": [stored.hash_id]}


def test_several_classes_lgtin_and_all_event_types(client, shop, token):
    lot = f"https://id.gs1.org/01/{shop.batch.gtin}/10/{shop.batch.lot_number}"
    events = [
        _event(shop.batch, quantityList=[{"epcClass": _lgtin(shop.batch), "quantity": 2}, {"epcClass": lot}]),
        {
            "type": "AggregationEvent",
            "action": "ADD",
            "eventTime": "2026-11-20T07:31:00+07:00",
            "eventTimeZoneOffset": "+07:00",
            "parentID": "urn:epc:id:sscc:893456789.0000000001",
            "childQuantityList": [{"epcClass": lot, "quantity": 10, "uom": "KGM"}],
        },
        {
            "type": "TransactionEvent",
            "action": "ADD",
            "eventTime": "2026-11-20T07:32:00+07:00",
            "eventTimeZoneOffset": "+07:00",
            "bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:8934567890003:PO-77"}],
            "quantityList": [{"epcClass": lot, "quantity": 10, "uom": "KGM"}],
        },
        {
            "type": "AssociationEvent",
            "action": "ADD",
            "eventTime": "2026-11-20T07:33:00+07:00",
            "eventTimeZoneOffset": "+07:00",
            "parentID": "urn:epc:id:grai:893456789.000.1",
            "childQuantityList": [{"epcClass": lot}],
        },
        {
            "type": "TransformationEvent",
            "eventTime": "2026-11-20T07:34:00+07:00",
            "eventTimeZoneOffset": "+07:00",
            "inputQuantityList": [{"epcClass": "https://id.gs1.org/01/09506000134352/10/P1", "quantity": 6}],
            "outputQuantityList": [{"epcClass": lot, "quantity": 5, "uom": "KGM"}],
        },
    ]
    response = _post(client, token, _doc(events))
    assert response.status_code == 201, response.content
    assert list(TraceEvent.objects.filter(batch=shop.batch).values_list("event_type", flat=True)) == [
        "ObjectEvent", "AggregationEvent", "TransactionEvent", "AssociationEvent", "TransformationEvent",
    ]  # fmt: skip


def _malformed(batch):
    """Each (name, body): 4xx, nothing written."""
    good = _event(batch)
    cases = {
        "bizLocation as a string": _doc([_event(batch, bizLocation="urn:epc:id:sgln:893456789.0.0")]),
        "readPoint without id": _doc([_event(batch, readPoint={"name": "x"})]),
        "epcisBody as a string": {**_doc([]), "epcisBody": "events"},
        "eventList as an object": {**_doc([]), "epcisBody": {"eventList": {"a": 1}}},
        "empty eventList": _doc([]),
        "event as a number": _doc([7]),
        "epcList as a number": _doc([_event(batch, epcList=5)]),
        "quantityList as a string": _doc([_event(batch, quantityList="452 KGM")]),
        "sensorElementList as an object": _doc([_event(batch, sensorElementList={"a": 1})]),
        "bizTransactionList as a string": _doc([_event(batch, bizTransactionList="PO-1")]),
        'quantity "NaN"': _doc([_event(batch, quantityList=[{**good["quantityList"][0], "quantity": "NaN"}])]),
        "quantity NaN literal": json.dumps(_doc([good])).replace("452", "NaN"),
        "quantity Infinity literal": json.dumps(_doc([good])).replace("452", "Infinity"),
        "quantity 1e400": json.dumps(_doc([good])).replace("452", "1e400"),
        "quantity true": _doc([_event(batch, quantityList=[{**good["quantityList"][0], "quantity": True}])]),
        "quantity without epcClass": _doc([_event(batch, quantityList=[{"quantity": 1}])]),
        "impossible date": _doc([_event(batch, eventTime="2026-02-30T07:30:00+07:00")]),
        "hour 25": _doc([_event(batch, eventTime="2026-02-03T25:30:00+07:00")]),
        "year 1 at +14:00": _doc([_event(batch, eventTime="0001-01-01T00:00:00+14:00", eventTimeZoneOffset="+14:00")]),
        "year 9999 at -12:00": _doc([_event(batch, eventTime="9999-12-31T23:59:59-12:00")]),
        "no offset": _doc([_event(batch, eventTime="2026-11-20T07:30:00")]),
        "offset +7": _doc([_event(batch, eventTimeZoneOffset="+7")]),
        "future event": _doc([_event(batch, eventTime="2099-01-01T00:00:00+07:00")]),
        "300-char bizStep": _doc([_event(batch, bizStep="https://example.com/" + "s" * 280)]),
        "unknown bizStep word": _doc([_event(batch, bizStep="Shipping")]),
        "NUL in text": _doc([_event(batch, **{"xt:note": "a\u0000b"})]),
        "NUL in a key": _doc([_event(batch, **{"xt:no\u0000te": "a"})]),
        "deeply nested JSON": '{"a":' * 5000 + "1" + "}" * 5000,
        "nested 40 levels inside an event": _doc([_event(batch, **{"xt:deep": json.loads("[" * 40 + "]" * 40)})]),
        "unknown type": _doc([_event(batch, type="PartyEvent")]),
        "not JSON": "not json",
        "invalid UTF-8": b'{"type": "\xff"}',
        "a JSON list": [1, 2],
        "no context": {k: v for k, v in _doc([good]).items() if k != "@context"},
        "no batch of ours": _doc([_event(batch, quantityList=[{"epcClass": "https://id.gs1.org/01/09506000134352"}])]),
        "action missing": _doc([{k: v for k, v in good.items() if k != "action"}]),
        "too many events": _doc([good] * 501),
        "too large": json.dumps(_doc([_event(batch, **{"xt:pad": "x" * 3000})] * 700)),
    }
    return cases


def test_malformed_documents_are_refused_with_problem_details_and_nothing_written(client, shop, token, schema_mode):
    cases = _malformed(shop.batch)
    assert len(cases) >= 38
    for name, body in cases.items():
        response = _post(client, token, body)
        assert 400 <= response.status_code < 500, (name, response.status_code, response.content[:300])
        assert response["Content-Type"] == "application/problem+json", name
        problem = json.loads(response.content)
        assert problem["status"] == response.status_code and problem["title"], name
    assert not TraceEvent.objects.exists()


def test_problem_details_name_the_event_and_the_field(client, shop, token, schema_mode):
    bad = _event(shop.batch, bizLocation="urn:epc:id:sgln:893456789.0.0")
    response = _post(client, token, _doc([_event(shop.batch), bad]))
    assert response.status_code == 400
    errors = json.loads(response.content)["errors"]
    assert any(e["event"] == 1 and e["field"].startswith("bizLocation") for e in errors), errors


def test_read_only_partner_token_reads_but_cannot_capture(client, shop, other_shop, token):
    assert _post(client, token, _doc([_event(shop.batch)])).status_code == 201
    partner = CaptureToken(producer=shop.producer, name="distributor", read_only=True)
    raw = partner.set_new_token()
    partner.save()
    response = _post(client, raw, _doc([_event(shop.batch, bizStep="shipping")]))
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    _response, events = _query(client, raw)
    assert [e["bizStep"] for e in events] == ["storing"]
    other = CaptureToken(producer=other_shop.producer, name="theirs", read_only=True)
    other_raw = other.set_new_token()
    other.save()
    assert _query(client, other_raw)[1] == []  # another producer's partner sees none of ours
