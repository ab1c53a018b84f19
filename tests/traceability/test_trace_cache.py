"""The trace page is served from the cache during a burst, and never shows stale news."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from traceability import scans

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_second_scan_costs_no_query_but_is_still_logged(client, shop, recorded_chain):
    url = shop.batch.get_digital_link().split("127.0.0.1:8000", 1)[-1]
    url = url[url.index("/01/") :]
    first = client.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert len(queries) == 0
    assert scans.pending() == 2


def test_a_recall_shows_at_once_despite_the_cache(client, shop, recorded_chain, django_capture_on_commit_callbacks):
    from traceability.services import recall_batch

    url = shop.batch.get_absolute_url()
    assert "thu hồi" not in client.get(url).content.decode().lower()
    with django_capture_on_commit_callbacks(execute=True):
        recall_batch(shop.batch, "Phát hiện nhiễm khuẩn")
    assert "Phát hiện nhiễm khuẩn" in client.get(url).content.decode()


def _dl_path(shop) -> str:
    url = shop.batch.get_digital_link()
    return url[url.index("/01/") :]


def test_a_replayed_scan_is_the_same_response_with_every_header(client, shop, recorded_chain):
    url = _dl_path(shop)
    first = client.get(url)
    second = client.get(url)
    assert second.content == first.content
    assert dict(second.headers) == dict(first.headers)
    # What the security middleware stack sets is part of the replay.
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == "DENY"
    assert second["Content-Language"] == "vi"


def test_each_language_and_format_is_kept_apart(client, shop, recorded_chain):
    url = _dl_path(shop)
    client.get(url)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en"
    epcis = client.get(url, HTTP_ACCEPT="application/ld+json")
    assert epcis["Content-Type"].startswith("application/ld+json")
    assert client.get(url, HTTP_ACCEPT="application/ld+json")["Content-Type"].startswith("application/ld+json")
    assert client.get(url)["Content-Language"] == "vi"


def test_a_new_event_shows_on_the_next_replayed_scan(client, shop, recorded_chain, django_capture_on_commit_callbacks):
    from traceability import trace_cache

    url = _dl_path(shop)
    client.get(url)
    assert trace_cache.batch_id_for_path(url) == shop.batch.pk
    with django_capture_on_commit_callbacks(execute=True):
        trace_cache.forget_batch(shop.batch.pk)  # what a new event, recall or alert does
    assert trace_cache.get_rendered(shop.batch.pk, "vi", "html") is None
    assert client.get(url).status_code == 200
    assert trace_cache.get_rendered(shop.batch.pk, "vi", "html") is not None


def test_head_requests_are_not_logged_as_scans(client, shop, recorded_chain):
    url = _dl_path(shop)
    client.get(url)
    before = scans.pending()
    assert client.head(url).status_code == 200
    assert scans.pending() == before
