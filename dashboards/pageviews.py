"""Page views, counted without making a request wait on a write.

A view adds one to a counter keyed by (page, local day) in the write buffer (portal.buffers:
the process's memory, even with Redis — the counts are statistics). It is written in bulk once it holds
`DASHBOARDS_VIEW_FLUSH_SIZE` keys or its oldest entry is `DASHBOARDS_VIEW_FLUSH_SECONDS` old,
and at exit — one INSERT … ON CONFLICT DO UPDATE that adds to the day's row.
"""

import logging
from collections import Counter

from django.db import connection
from django.utils import timezone

from portal.buffers import WriteBuffer

from .models import PageViewCount

log = logging.getLogger(__name__)


def record_view(request, page_id: int) -> None:
    """Count one view of a page; costs a dictionary increment."""
    if page_id:
        _views.add((int(page_id), timezone.localdate()))


def record_served_view(sender, request, notes, **kwargs) -> None:
    """portal.page_cache.view_served receiver: the page a view noted, cached copy or not."""
    record_view(request, notes.get("page_id"))


def _write(counts: Counter) -> int:
    """Add the buffered views to the daily rows in one statement; returns how many views."""
    table = PageViewCount._meta.db_table
    placeholders = ", ".join(["(%s, %s, %s)"] * len(counts))
    params: list = []
    for (page_id, day), views in sorted(counts.items()):
        params += [page_id, day, views]
    # Pages deleted since the view are skipped by the join on wagtailcore_page.
    # Only the table name (ours) and placeholders are formatted in; the values are parameters.
    sql = (
        f"WITH v(page_id, date, views) AS (VALUES {placeholders}) "  # noqa: S608 # nosec B608
        f"INSERT INTO {table} (page_id, date, views) "
        "SELECT v.page_id, v.date, v.views FROM v "
        "WHERE EXISTS (SELECT 1 FROM wagtailcore_page p WHERE p.id = v.page_id) "
        f"ON CONFLICT (page_id, date) DO UPDATE SET views = {table}.views + EXCLUDED.views"
    )
    if connection.vendor == "postgresql":
        sql = sql.replace("(%s, %s, %s)", "(%s::integer, %s::date, %s::bigint)")
    with connection.cursor() as cursor:  # one statement: atomic by itself; the buffer handles failures
        cursor.execute(sql, params)
    return sum(counts.values())


_views = WriteBuffer(
    _write,
    name="pageviews",
    counting=True,
    size_setting="DASHBOARDS_VIEW_FLUSH_SIZE",
    default_size=200,
    age_setting="DASHBOARDS_VIEW_FLUSH_SECONDS",
    default_age=10.0,
)
flush, flush_if_due, pending, discard = _views.flush, _views.flush_if_due, _views.pending, _views.discard
