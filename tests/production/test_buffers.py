"""The write buffer (portal/buffers.py) on a real Redis and PostgreSQL: what waits where, and
what is written when. Page views are the example; scans share the same buffer."""

import time

import pytest
from django.utils import timezone

from dashboards import pageviews
from dashboards.models import PageViewCount
from portal.buffers import redis_client
from tests.servers.redis import redis_server  # noqa: F401  (session fixture)

KEY = "xuthanh:buffer:pageviews"


@pytest.fixture
def on_redis(settings, redis_server):  # noqa: F811
    settings.REDIS_URL = redis_server.url
    client = redis_client()
    client.delete(KEY, KEY + ":taking", KEY + ":lock")
    yield client
    client.delete(KEY, KEY + ":taking", KEY + ":lock")


def test_page_views_wait_in_redis_and_are_written_in_bulk(on_redis, site_pages):
    home = site_pages[0]
    for _ in range(3):
        pageviews.record_view(None, home.pk)
    assert pageviews.pending() == 3
    assert int(on_redis.hget(KEY, pageviews._encode((home.pk, timezone.localdate()))) or 0) == 3
    assert not PageViewCount.objects.exists()  # nothing in this process's memory to lose
    assert pageviews.flush() == 3
    assert PageViewCount.objects.get(page=home).views == 3
    assert pageviews.pending() == 0


def test_what_a_dead_drainer_took_is_written_by_the_next_one(on_redis, site_pages):
    home = site_pages[0]
    pageviews.record_view(None, home.pk)
    pageviews.record_view(None, home.pk)
    on_redis.rename(KEY, KEY + ":taking")  # a drainer took these, then died before writing
    pageviews.record_view(None, home.pk)  # and this one came after
    assert pageviews.flush() == 3
    assert PageViewCount.objects.get(page=home).views == 3
    assert not on_redis.exists(KEY, KEY + ":taking")


def test_with_redis_down_views_wait_in_memory(settings, site_pages):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # nothing listens there
    home = site_pages[0]
    pageviews.record_view(None, home.pk)
    assert pageviews.pending() == 1
    assert pageviews.flush() == 1
    assert PageViewCount.objects.get(page=home).views == 1


# Serialised rollback: an earlier transactional test flushes the tables (the root collection and
# locales that migrations made among them); this one gets them back and leaves them for the next.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_timer_writes_a_buffer_no_request_comes_to_flush(settings, site_pages):
    settings.BUFFER_TIMER = True
    settings.DASHBOARDS_VIEW_FLUSH_SECONDS = 0.5
    home = site_pages[0]
    pageviews.record_view(None, home.pk)
    deadline = time.monotonic() + 10
    while not PageViewCount.objects.filter(page=home).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert PageViewCount.objects.get(page=home).views == 1
    assert pageviews.pending() == 0
