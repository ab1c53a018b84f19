"""Page views, counted without making a request wait on a write.

The same mechanism as the traceability scan log (`traceability.scans`): a view adds one to
an in-process counter keyed by (page, local day); nothing touches the database during the
request. The counter is written after a response has been sent (`request_finished`) once it
holds `DASHBOARDS_VIEW_FLUSH_SIZE` keys or its oldest entry is `DASHBOARDS_VIEW_FLUSH_SECONDS`
old, and at exit — one INSERT … ON CONFLICT DO UPDATE that adds to the day's row.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import PageViewCount

log = logging.getLogger(__name__)

_lock = threading.Lock()
_counts: Counter = Counter()
_oldest = 0.0


def record_view(request, page_id: int) -> None:
    """Page-view listener (portal.registry): costs a dictionary increment."""
    global _oldest
    if not page_id:
        return
    key = (int(page_id), timezone.localdate())
    with _lock:
        if not _counts:
            _oldest = time.monotonic()
        _counts[key] += 1


def discard() -> None:
    """Forget counted views (tests, whose database is gone by the time the process exits)."""
    with _lock:
        _counts.clear()


def pending() -> int:
    """Views counted but not yet written."""
    return sum(_counts.values())


def flush_if_due(**kwargs) -> None:
    size = getattr(settings, "DASHBOARDS_VIEW_FLUSH_SIZE", 200)
    age = getattr(settings, "DASHBOARDS_VIEW_FLUSH_SECONDS", 10.0)
    if _counts and (len(_counts) >= size or time.monotonic() - _oldest >= age):
        flush()


def flush() -> int:
    """Add the buffered views to the daily rows in one statement; returns how many views."""
    global _counts
    with _lock:
        counts, _counts = _counts, Counter()
    if not counts:
        return 0
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
    try:
        with connection.cursor() as cursor:  # one statement: atomic by itself
            cursor.execute(sql, params)
    except Exception:  # never let the view counter take down a response or worker
        log.exception("Could not write %d page-view counts", len(counts))
        return 0
    return sum(counts.values())


atexit.register(flush)
