"""The write buffer (portal/buffers.py) on a real Redis and PostgreSQL: what waits where, and
what is written when. Records (the scan log) wait in Redis; counters (page views) in memory."""

import time

import pytest

from dashboards import pageviews
from dashboards.models import PageViewCount
from portal.buffers import WriteBuffer, redis_client
from tests.servers.redis import redis_server  # noqa: F401  (session fixture)

KEY = "xuthanh:buffer:test-records"


@pytest.fixture
def written():
    return []


@pytest.fixture
def records(written):
    """A buffer of records like the scan log's, whose writer keeps what it is given."""

    def write(items):
        written.extend(items)
        return len(items)

    return WriteBuffer(
        write,
        name="test-records",
        size_setting="TEST_FLUSH_SIZE",
        default_size=200,
        age_setting="TEST_AGE",
        default_age=5,
    )


@pytest.fixture
def on_redis(settings, redis_server):  # noqa: F811
    settings.REDIS_URL = redis_server.url
    client = redis_client()
    client.delete(KEY, KEY + ":taking", KEY + ":lock", "xuthanh:buffer:pageviews")
    yield client
    client.delete(KEY, KEY + ":taking", KEY + ":lock")


def test_records_wait_in_redis_and_are_written_in_bulk(on_redis, records, written):
    for n in range(3):
        records.add({"n": n})
    assert records.pending() == 3
    assert on_redis.llen(KEY) == 3  # nothing in this process's memory to lose
    assert not written
    assert records.flush() == 3
    assert written == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert records.pending() == 0


def test_what_a_dead_drainer_took_is_written_by_the_next_one(on_redis, records, written):
    records.add({"n": 1})
    records.add({"n": 2})
    on_redis.rename(KEY, KEY + ":taking")  # a drainer took these, then died before writing
    records.add({"n": 3})  # and this one came after
    assert records.flush() == 3
    assert written == [{"n": 1}, {"n": 2}, {"n": 3}]
    assert not on_redis.exists(KEY, KEY + ":taking")


def test_with_redis_down_records_wait_in_memory(settings, records, written):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # nothing listens there
    records.add({"n": 1})
    assert records.pending() == 1
    assert records.flush() == 1
    assert written == [{"n": 1}]


def test_page_views_are_counted_in_memory_even_with_redis(on_redis, site_pages):
    home = site_pages[0]
    for _ in range(3):
        pageviews.record_view(None, home.pk)
    assert pageviews.pending() == 3
    assert not on_redis.exists("xuthanh:buffer:pageviews")  # no round trip per view
    assert pageviews.flush() == 3
    assert PageViewCount.objects.get(page=home).views == 3
    assert pageviews.pending() == 0


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
