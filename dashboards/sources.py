"""Figures read from apps that may not keep them yet (guarded, so the dashboard never breaks)."""

from django.apps import apps
from django.db.models import Sum

from .periods import Period


def unmatched_query_model():
    """The search app's log of searches that found nothing, if it has one."""
    if not apps.is_installed("search"):
        return None
    try:
        model = apps.get_model("search", "UnmatchedQuery")
    except LookupError:
        return None
    fields = {f.name for f in model._meta.get_fields()}
    return model if {"query", "count", "last_seen"} <= fields else None


def zero_result_searches(period: Period, limit: int) -> list[tuple[str, int]]:
    """(words, times searched) for the words last searched within the period, most searched first.

    The log keeps one running count per words, kind and language; the count is the total
    since the words were first searched, for words searched at least once in the period.
    """
    model = unmatched_query_model()
    if model is None:
        return []
    rows = (
        model.objects.filter(last_seen__gte=period.start_at, last_seen__lt=period.end_before)
        .order_by()
        .values("query")
        .annotate(searches=Sum("count"))
        .order_by("-searches", "query")[:limit]
    )
    return [(row["query"], row["searches"] or 0) for row in rows]
