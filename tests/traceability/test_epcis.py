"""EPCIS 2.0: the export validates against GS1's schema; capture is per producer, all or nothing."""

import json

import pytest
from django.utils import timezone

from traceability.models import CaptureToken, TraceEvent

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")


@pytest.fixture
def validator(gs1_file):
    from jsonschema import Draft7Validator

    schema = json.loads(gs1_file("epcis-json-schema.json").read_text())
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def _errors(validator, document):
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]


def test_export_of_a_batch_validates_against_the_epcis_schema(client, recorded_chain, shop, validator):
    response = client.get(f"/t/{shop.batch.public_code}?format=epcis")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    document = json.loads(response.content)
    assert _errors(validator, document) == []
    events = document["epcisBody"]["eventList"]
    xt = document["@context"][1]["xt"]
    assert [e["bizStep"] for e in events] == [
        xt + "BizStep-planting",
        xt + "BizStep-spraying",
        xt + "BizStep-harvesting",
    ]
    assert events[0]["eventID"] == recorded_chain[0].event_id
    assert events[2]["sensorElementList"][0]["sensorReport"][0]["type"] == "RelativeHumidity"
    assert events[1]["xt:dose"] == "2 kg/ha"


def test_export_with_transformation_and_correction_validates(client, shop, recorded_chain, validator):
    import datetime

    from traceability.models import Batch
    from traceability.services import record_event

    pork = Batch.objects.create(
        product=shop.product, lot_number="PORK-2", production_date=datetime.date(2026, 10, 1), quantity=50
    )
    record_event(shop.batch, activity="processing", event_time=timezone.now(), inputs=[(pork, 40)])
    record_event(shop.batch, activity="correcting", event_time=timezone.now(), corrects=recorded_chain[1])
    response = client.get(f"/01/{shop.batch.gtin}/10/{shop.batch.lot_number}", HTTP_ACCEPT="application/ld+json")
    document = json.loads(response.content)
    assert _errors(validator, document) == []
    types = [e["type"] for e in document["epcisBody"]["eventList"]]
    assert "TransformationEvent" in types
    declared = [e for e in document["epcisBody"]["eventList"] if "errorDeclaration" in e]
    assert [e["eventID"] for e in declared] == [recorded_chain[1].event_id]
    assert declared[0]["errorDeclaration"]["correctiveEventIDs"] == [document["epcisBody"]["eventList"][-2]["eventID"]]


def _capture_doc(events):
    return {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-11-20T08:00:00+07:00",
        "epcisBody": {"eventList": events},
    }


def _event(batch, step="storing"):
    return {
        "type": "ObjectEvent",
        "action": "OBSERVE",
        "eventTime": "2026-11-20T07:30:00+07:00",
        "eventTimeZoneOffset": "+07:00",
        "bizStep": step,
        "disposition": "sellable_not_accessible",
        "quantityList": [
            {"epcClass": f"https://id.gs1.org/01/{batch.gtin}/10/{batch.lot_number}", "quantity": 10, "uom": "KGM"}
        ],
        "sensorElementList": [{"sensorReport": [{"type": "Temperature", "value": 4.5, "uom": "CEL"}]}],
    }


@pytest.fixture
def token(shop):
    token = CaptureToken(producer=shop.producer, name="packing line")
    raw = token.set_new_token()
    token.save()
    return raw


def test_capture_stores_events_on_own_batch(client, shop, token, validator):
    document = _capture_doc([_event(shop.batch), _event(shop.batch, "https://ref.gs1.org/cbv/BizStep-shipping")])
    assert _errors(validator, document) == []
    response = client.post(
        "/api/epcis/capture",
        json.dumps(document),
        content_type="application/ld+json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    events = list(TraceEvent.objects.filter(batch=shop.batch).order_by("sequence"))
    assert [e.biz_step for e in events] == ["storing", "shipping"]
    assert events[0].sensor_readings[0]["value"] == 4.5
    assert shop.batch.verify_chain().intact
    assert CaptureToken.objects.get(producer=shop.producer).token_hash != token  # only the hash is stored


def test_capture_refuses_foreign_batch_and_stores_nothing(client, shop, other_shop, token):
    document = _capture_doc([_event(shop.batch), _event(other_shop.batch)])
    response = client.post(
        "/api/epcis/capture",
        json.dumps(document),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403
    assert not TraceEvent.objects.filter(batch__product__in=[shop.product]).exists()


def test_capture_refuses_bad_token_and_stores_nothing(client, shop, token):
    document = _capture_doc([_event(shop.batch)])
    for header in ({}, {"HTTP_AUTHORIZATION": "Bearer xt_not-a-real-token"}, {"HTTP_AUTHORIZATION": token}):
        response = client.post("/api/epcis/capture", json.dumps(document), content_type="application/json", **header)
        assert response.status_code == 401
    assert not TraceEvent.objects.filter(batch__product__in=[shop.product]).exists()


def test_capture_refuses_a_malformed_event_after_a_good_one_and_stores_nothing(client, shop, token):
    bad = _event(shop.batch)
    bad["eventTime"] = "2026-11-20T07:30:00"  # no offset
    document = _capture_doc([_event(shop.batch), bad])
    response = client.post(
        "/api/epcis/capture",
        json.dumps(document),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400
    assert not TraceEvent.objects.filter(batch__product__in=[shop.product]).exists()
    response = client.post(
        "/api/epcis/capture", "not json", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 400


def test_query_returns_only_the_token_producers_events(client, shop, other_shop, token, recorded_chain, validator):
    from traceability.services import record_event

    record_event(other_shop.batch, activity="storing", event_time=timezone.now())
    response = client.get("/api/epcis/events", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert _errors(validator, document) == []
    ids = [e["eventID"] for e in document["epcisBody"]["queryResults"]["resultsBody"]["eventList"]]
    assert ids == [e.event_id for e in recorded_chain]
