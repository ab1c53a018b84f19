"""Page views are counted from real requests, page-cache hits included, without writing in the request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_world")]


def test_views_are_buffered_then_written_in_one_statement(client, site_pages, settings):
    from dashboards import pageviews
    from dashboards.models import PageViewCount

    settings.PAGE_CACHE_SECONDS = 300
    settings.DASHBOARDS_VIEW_FLUSH_SIZE = 10_000
    settings.DASHBOARDS_VIEW_FLUSH_SECONDS = 3600
    home = site_pages[0]
    url = "/vi/"  # the home page is served from the page cache the second time
    with CaptureQueriesContext(connection) as queries:
        first = client.get(url)
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert not [q for q in queries.captured_queries if PageViewCount._meta.db_table in q["sql"]]
    assert pageviews.pending() == 2
    assert PageViewCount.objects.count() == 0

    with CaptureQueriesContext(connection) as flush_queries:
        assert pageviews.flush() == 2
    assert len(flush_queries) == 1
    pageviews.record_view(None, home.pk)
    pageviews.flush()
    row = PageViewCount.objects.get()
    assert (row.page_id, row.views) == (home.pk, 3)


def test_views_are_flushed_after_the_response_when_due(client, world, settings):
    from dashboards.models import PageViewCount

    settings.DASHBOARDS_VIEW_FLUSH_SIZE = 1
    assert client.get(world.products_en["a"].url).status_code == 200
    assert PageViewCount.objects.get(page=world.products_en["a"]).views == 1


def test_a_view_of_a_deleted_page_is_dropped(world):
    from dashboards import pageviews
    from dashboards.models import PageViewCount

    pageviews.record_view(None, 987654321)
    pageviews.flush()
    assert PageViewCount.objects.count() == 0
