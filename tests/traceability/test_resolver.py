"""GS1-Conformant resolver features on the Digital Link paths."""

import io
import json
from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")


@pytest.fixture
def live(shop):
    Page.objects.filter(pk__in=[shop.product.pk, shop.producer.pk, shop.product_en.pk, shop.producer_en.pk]).update(
        live=True
    )
    return shop


def _dl(batch):
    return f"/01/{batch.gtin}/10/{batch.lot_number}"


def test_every_answer_has_a_link_header(client, live, recorded_chain):
    for path in (_dl(live.batch), f"/01/{live.batch.gtin}", _dl(live.batch) + "?linkType=gs1:epcis"):
        response = client.get(path)
        assert response.status_code in (200, 302), path
        links = response["Link"]
        assert 'rel="https://gs1.org/voc/pip"' in links and 'rel="linkset"' in links, path
    assert 'rel="https://gs1.org/voc/traceability"' in client.get(_dl(live.batch))["Link"]


def test_link_types(client, live, recorded_chain):
    pip = client.get(_dl(live.batch) + "?linkType=gs1:pip&lang=en")
    assert pip.status_code == 302 and pip["Location"].startswith("/en/")
    trace = client.get(_dl(live.batch) + "?linkType=gs1:traceability")
    assert trace.status_code == 200 and trace["Content-Type"].startswith("text/html")
    events = client.get(_dl(live.batch) + "?linkType=gs1:epcis")
    assert events["Content-Type"] == "application/ld+json" and events["Access-Control-Allow-Origin"] == "*"
    assert len(json.loads(events.content)["epcisBody"]["eventList"]) == 3
    recall = client.get(_dl(live.batch) + "?linkType=gs1:recallStatus")
    assert json.loads(recall.content)["recalled"] is False and recall["Access-Control-Allow-Origin"] == "*"
    certificates = client.get(_dl(live.batch) + "?linkType=gs1:certificationInfo")
    assert certificates.status_code == 200 and "certificates" in json.loads(certificates.content)


def test_linkset(client, live, recorded_chain):
    for response in (
        client.get(_dl(live.batch) + "?linkType=all"),
        client.get(_dl(live.batch), HTTP_ACCEPT="application/linkset+json"),
    ):
        assert response["Content-Type"] == "application/linkset+json"
        assert response["Access-Control-Allow-Origin"] == "*"
        entry = json.loads(response.content)["linkset"][0]
        assert entry["anchor"].endswith(_dl(live.batch))
        for rel in ("pip", "traceability", "epcis", "certificationInfo", "recallStatus", "defaultLink"):
            assert entry[f"https://gs1.org/voc/{rel}"][0]["href"], rel


def test_well_known_description(client):
    response = client.get("/.well-known/gs1resolver")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    assert data["supportedPrimaryKeys"] == ["01"] and "https://gs1.org/voc/pip" in data["supportedLinkType"]


def test_unknown_lot_walks_up_to_the_product(client, live):
    response = client.get(f"/01/{live.batch.gtin}/10/NO-SUCH-LOT?lang=en")
    assert response.status_code == 302 and response["Location"].startswith("/en/")
    assert "/10/" not in response["Link"].split(";")[0]


def test_data_attributes_in_the_query_are_accepted(client, live, recorded_chain):
    response = client.get(_dl(live.batch) + "?17=271001&3103=000500")
    assert response.status_code == 200
    assert client.get(_dl(live.batch) + "?17=271399").status_code == 400  # month 13


def _wsgi_get(raw_uri: str) -> tuple[int, dict]:
    """A request through Django's real WSGI handler, with the raw request line gunicorn passes as RAW_URI."""
    from urllib.parse import unquote

    from django.core.wsgi import get_wsgi_application

    path, _sep, query = raw_uri.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": unquote(path),  # what every WSGI server gives: %2F already decoded
        "RAW_URI": raw_uri,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # As Django's test client does: keep the test's transaction open across the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = get_wsgi_application()(environ, start_response)
        b"".join(body)
        body.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"]


def test_percent_encoded_slash_in_a_lot_is_kept(live):
    # A lot "AB/CD" is one value (unknown here: it walks up to the product), not two path segments.
    status, headers = _wsgi_get(f"/01/{live.batch.gtin}/10/AB%2FCD")
    assert status == 302, status
    assert urlsplit(headers["Location"]).path.startswith("/vi/")
    # Decoded before parsing, the same path would have been a syntax error.
    status, _headers = _wsgi_get(f"/01/{live.batch.gtin}/10/AB/CD")
    assert status == 400
