"""Figures the dashboards read from other apps' logs."""

from django.db.models import Sum

from search.models import UnmatchedQuery

from .periods import Period


def zero_result_searches(period: Period, limit: int) -> list[tuple[str, int]]:
    """(words, times searched) for the words last searched within the period, most searched first.

    The log keeps one running count per words, kind and language; the count is the total
    since the words were first searched, for words searched at least once in the period.
    """
    rows = (
        UnmatchedQuery.objects.filter(last_seen__gte=period.start_at, last_seen__lt=period.end_before)
        .order_by()
        .values("query")
        .annotate(searches=Sum("count"))
        .order_by("-searches", "query")[:limit]
    )
    return [(row["query"], row["searches"] or 0) for row in rows]
