"""EPCIS 2.0 REST query: standard parameters, pages with nextPageToken and Link, one event by eventID."""

import json
from urllib.parse import quote

import pytest

from traceability.models import CaptureToken

from .test_capture import _doc, _event, _lgtin, _post

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")


@pytest.fixture
def token(shop):
    token = CaptureToken(producer=shop.producer, name="erp")
    raw = token.set_new_token()
    token.save()
    return raw


@pytest.fixture
def captured(client, shop, token, recorded_chain):
    lot = f"https://id.gs1.org/01/{shop.batch.gtin}/10/{shop.batch.lot_number}"
    events = [
        _event(
            shop.batch,
            eventTime="2026-11-01T08:00:00+07:00",
            bizStep="shipping",
            disposition="in_transit",
            readPoint={"id": "https://id.gs1.org/414/8934567890003"},
            bizLocation={"id": "https://id.gs1.org/414/8934567890010"},
        ),
        _event(
            shop.batch,
            eventTime="2026-11-02T08:00:00+07:00",
            action="ADD",
            epcList=[f"{lot}/21/77"],
            quantityList=[{"epcClass": _lgtin(shop.batch), "quantity": 3}],
        ),
        {
            "type": "TransformationEvent",
            "eventTime": "2026-11-03T08:00:00+07:00",
            "eventTimeZoneOffset": "+07:00",
            "inputQuantityList": [{"epcClass": "https://id.gs1.org/01/09506000134352/10/PORK1", "quantity": 4}],
            "outputQuantityList": [{"epcClass": lot, "quantity": 3, "uom": "KGM"}],
        },
    ]
    response = _post(client, token, _doc(events))
    assert response.status_code == 201, response.content
    return json.loads(response.content)["eventIDs"]


def _ids(client, token, **params):
    response = client.get("/api/epcis/events", params, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    return [e["eventID"] for e in json.loads(response.content)["epcisBody"]["queryResults"]["resultsBody"]["eventList"]]


def test_standard_query_parameters(client, shop, token, recorded_chain, captured):
    farm = [e.event_id for e in recorded_chain]
    shipped, added, transformed = captured
    lot = f"https://id.gs1.org/01/{shop.batch.gtin}/10/{shop.batch.lot_number}"
    assert _ids(client, token, eventType="TransformationEvent") == [transformed]
    # The farm events are 90, 60 and 5 days old; the captured ones on 1–3 November 2026.
    window = {"GE_eventTime": "2026-11-01T00:00:00+07:00", "LT_eventTime": "2026-11-04T00:00:00+07:00"}
    assert _ids(client, token, **window) == captured
    assert _ids(client, token, GE_eventTime="2026-11-02T08:00:00+07:00", LT_eventTime="2026-11-04T00:00:00Z") == [
        added,
        transformed,
    ]
    assert _ids(client, token, EQ_bizStep="https://ref.gs1.org/cbv/BizStep-shipping") == [shipped]
    assert _ids(client, token, EQ_disposition="in_transit") == [shipped]
    assert _ids(client, token, EQ_readPoint="https://id.gs1.org/414/8934567890003") == [shipped]
    assert _ids(client, token, EQ_bizLocation="https://id.gs1.org/414/8934567890010") == [shipped]
    assert _ids(client, token, MATCH_epc=f"{lot}/21/77") == [added]
    assert _ids(client, token, MATCH_epcClass=_lgtin(shop.batch)) == [added]
    assert _ids(client, token, MATCH_anyEPCClass="https://id.gs1.org/01/09506000134352/10/PORK1") == [transformed]
    assert _ids(client, token, MATCH_outputEPCClass=lot) == [transformed]
    assert _ids(client, token, EQ_eventID=f"{shipped},{added}") == [shipped, added]
    assert _ids(client, token, EQ_action="ADD") == [farm[0], added]


def test_bad_parameters_are_problems_not_ignored(client, token, captured):
    for params in ({"EQ_colour": "red"}, {"GE_eventTime": "yesterday"}, {"perPage": "0"}, {"nextPageToken": "x"}):
        response = client.get("/api/epcis/events", params, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 400 and response["Content-Type"] == "application/problem+json", params
        assert json.loads(response.content)["errors"][0]["field"] == next(iter(params))
    assert client.get("/api/epcis/events").status_code == 401


def test_pages_follow_next_page_token_and_link_header(client, token, recorded_chain, captured):
    seen, params = [], {"perPage": "2"}
    while True:
        response = client.get("/api/epcis/events", params, HTTP_AUTHORIZATION=f"Bearer {token}")
        results = json.loads(response.content)["epcisBody"]["queryResults"]
        seen += [e["eventID"] for e in results["resultsBody"]["eventList"]]
        token_next = results.get("xt:nextPageToken")
        if not token_next:
            assert "Link" not in response
            break
        assert 'rel="next"' in response["Link"] and quote(token_next, safe="")[:20] in response["Link"]
        params = {"perPage": "2", "nextPageToken": token_next}
    assert seen == [e.event_id for e in recorded_chain] + captured


def test_one_event_by_its_event_id(client, token, other_shop, captured):
    response = client.get(f"/api/epcis/events/{quote(captured[0], safe='')}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and response["GS1-EPCIS-Version"] == "2.0.0"
    assert json.loads(response.content)["eventID"] == captured[0]
    other = CaptureToken(producer=other_shop.producer, name="theirs")
    raw = other.set_new_token()
    other.save()
    refused = client.get(f"/api/epcis/events/{quote(captured[0], safe='')}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert refused.status_code == 404 and refused["Content-Type"] == "application/problem+json"
