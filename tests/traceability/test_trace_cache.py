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
