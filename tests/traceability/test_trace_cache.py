"""The trace page comes from the one response cache during a burst, logs every scan all the
same, and never shows stale news."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from traceability import scans

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_shop")]


def _dl_path(shop) -> str:
    url = shop.batch.get_digital_link()
    return url[url.index("/01/") :]


def test_a_second_scan_costs_no_query_but_is_still_logged(client, shop, recorded_chain):
    url = _dl_path(shop)
    first = client.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert len(queries) == 0
    assert scans.pending() == 2


def test_a_cached_scan_is_logged_with_its_language_and_route(client, shop, recorded_chain):
    url = f"/t/{shop.batch.public_code}"
    client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert scans.pending() == 2
    scans.flush()
    from traceability.models import Scan

    assert list(Scan.objects.filter(batch=shop.batch).values_list("via", "language")) == [("short", "en")] * 2


def test_a_recall_shows_at_once_despite_the_cache(client, shop, recorded_chain, django_capture_on_commit_callbacks):
    from traceability.services import recall_batch

    url = shop.batch.get_absolute_url()
    assert "thu hồi" not in client.get(url).content.decode().lower()
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        recall_batch(shop.batch, "Phát hiện nhiễm khuẩn")
    assert "Phát hiện nhiễm khuẩn" in client.get(url).content.decode()
    assert "Phát hiện nhiễm khuẩn" in client.get(_dl_path(shop)).content.decode()


def test_a_replayed_scan_is_the_same_response_with_every_header(client, shop, recorded_chain):
    url = _dl_path(shop)
    first = client.get(url)
    second = client.get(url)
    assert second.content == first.content
    assert {k: v for k, v in second.headers.items() if k != "X-Page-Cache"} == {
        k: v for k, v in first.headers.items() if k != "X-Page-Cache"
    }
    # What the security middleware stack sets is part of the replay, and the resolver's links.
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == "DENY"
    assert second["Content-Language"] == "vi"
    assert "gs1.org/voc/pip" in second["Link"]


def test_each_language_and_format_is_kept_apart(client, shop, recorded_chain):
    url = _dl_path(shop)
    client.get(url)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "hit"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")["Content-Language"] == "en"  # same variant
    epcis = client.get(url, HTTP_ACCEPT="application/ld+json")
    assert epcis["Content-Type"].startswith("application/ld+json")
    assert client.get(url, HTTP_ACCEPT="application/ld+json")["Content-Type"].startswith("application/ld+json")
    assert client.get(url)["Content-Language"] == "vi"
    assert client.get(url + "?lang=en")["Content-Language"] == "en"


def test_a_new_event_shows_on_the_next_scan(client, shop, recorded_chain, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from traceability.services import record_event
    from traceability.vocabulary import Activity

    url = _dl_path(shop)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        record_event(
            shop.batch, activity=Activity.INSPECTING, event_time=timezone.now(), description_vi="Kiểm tra lô X9"
        )
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Kiểm tra lô X9" in response.content.decode()


def test_publishing_the_product_drops_its_trace_pages(client, shop, recorded_chain):
    url = f"/t/{shop.batch.public_code}"
    client.get(url)
    product = shop.batch.product
    product.title = "Gạo Nàng Hương mới"
    product.save_revision().publish()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Gạo Nàng Hương mới" in response.content.decode()


def test_a_trace_hit_is_one_cache_round_trip(client, shop, recorded_chain):
    """The page shows its product and producer, yet a hit reads only its own generations:
    invalidating those pages bumps the trace page's generation instead (its dependents)."""
    from unittest import mock

    from django.core.cache import cache

    url = _dl_path(shop)
    client.get(url)
    with mock.patch("portal.page_cache.cache", wraps=cache) as used:
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert [name for name, _args, _kwargs in used.mock_calls] == ["get_many"]


def test_an_unknown_code_is_a_clear_404_not_a_redirect(client, shop):
    for url in ("/t/khongcoma", "/01/09506000134352/10/NOPE", "/t/khongcoma/report/"):
        response = client.get(url)
        assert response.status_code == 404, url
    assert client.get("/01/09506000134353").status_code == 400  # wrong check digit


def test_head_requests_are_not_logged_as_scans(client, shop, recorded_chain):
    url = _dl_path(shop)
    client.get(url)
    before = scans.pending()
    assert client.head(url).status_code == 200
    assert scans.pending() == before


def test_signed_in_visitors_are_answered_afresh_and_still_logged(client, shop, recorded_chain, django_user_model):
    url = _dl_path(shop)
    client.get(url)
    client.force_login(django_user_model.objects.create_user("scanner", password="x"))
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert scans.pending() == 2


def test_only_a_request_the_cache_may_keep_registers_as_a_dependent(client, shop, recorded_chain, django_user_model):
    """A signed-in scan is never kept, so it costs no write to the product's set of dependents."""
    from django.core.cache import cache

    from portal.page_cache import _dependents_key

    product_key = _dependents_key(shop.batch.product.get_url_parts()[2])
    client.force_login(django_user_model.objects.create_user("scanner", password="x"))
    assert client.get(_dl_path(shop)).status_code == 200
    assert cache.get(product_key) is None
    client.logout()
    client.cookies.clear()
    client.get(_dl_path(shop))
    assert cache.get(product_key) == {_dl_path(shop)}
