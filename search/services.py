"""The search service: one interface over the database and Elasticsearch backends."""

import logging
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .backends import get_backend
from .documents import ALL, Document, get_kind, group_members, languages
from .results import MAX_PAGE, PER_PAGE, Query, SearchResult

logger = logging.getLogger("xuthanh.search")

MAX_QUERY_LENGTH = 200
# A facet's values are OR-ed, and the cost of a query grew with the square of their number
# (2,000 values: 6 s, and everyone's searches slowed): a person ticks a few, so 20 a facet
# and 40 in all are plenty; more is refused, not trimmed, so that the answer is not a lie.
MAX_VALUES_PER_FACET = 20
MAX_FILTER_VALUES = 40
# Codes of the ValidationErrors that mean "this request is refused" (HTTP 400), as opposed to
# a filter that merely matches nothing.
REFUSED_CODES = frozenset({"too_many_values", "nul_character"})


def refuse_nul(*values: str) -> None:
    """PostgreSQL and Elasticsearch refuse NUL in text; a request carrying one is bad input."""
    if any("\x00" in (value or "") for value in values):
        raise ValidationError(_("The search contains a character that is not allowed."), code="nul_character")


def _facets_for(kind_name: str) -> list:
    return list(get_kind(kind_name).facets)


def build_query(
    kind: str = ALL,
    text: str = "",
    filters: dict | None = None,
    facets: list[str] | None = None,
    sort: str = "relevance",
    page: int = 1,
    locale: str = "vi",
    per_page: int = PER_PAGE,
) -> Query:
    """Check and normalise the arguments of `search` (bad input → ValidationError)."""
    refuse_nul(kind, text, locale, sort)
    search_kind = get_kind(kind)
    if search_kind is None:
        raise ValidationError(_("There is nothing to search of that kind."), code="unknown_kind")
    if locale not in languages():
        raise ValidationError(_("Unknown language."), code="unknown_locale")
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    filters = dict(filters or {})
    near = filters.pop("near", None)
    if near is not None:
        try:
            near = (float(near[0]), float(near[1]))
        except (TypeError, ValueError, IndexError):
            raise ValidationError(_("The point to sort by distance is not valid."), code="bad_point") from None
        if not (-90 <= near[0] <= 90 and -180 <= near[1] <= 180):
            raise ValidationError(_("The point to sort by distance is not valid."), code="bad_point")
    available = _facets_for(kind)
    known = {f.name: f for f in available}
    clean_filters: dict[str, list[str]] = {}
    for name, values in filters.items():
        if name not in known:
            continue  # a facet of another kind: ignore, as a form would
        if isinstance(values, str):
            values = [values]
        if len(values) > MAX_VALUES_PER_FACET:
            raise ValidationError(
                _("Choose at most %(max)s values of one filter.") % {"max": MAX_VALUES_PER_FACET},
                code="too_many_values",
            )
        values = list(dict.fromkeys(str(v)[:200] for v in values if str(v).strip()))
        refuse_nul(*values)
        if values:
            clean_filters[name] = values
    if sum(len(values) for values in clean_filters.values()) > MAX_FILTER_VALUES:
        raise ValidationError(
            _("Choose at most %(max)s filter values in all.") % {"max": MAX_FILTER_VALUES}, code="too_many_values"
        )
    wanted = available if facets is None else [known[name] for name in facets if name in known]
    if sort not in ("relevance", "price_asc", "price_desc", "title", "distance"):
        sort = "relevance"
    if sort == "distance" and near is None:
        sort = "relevance"
    try:
        page = max(1, min(MAX_PAGE, int(page)))
    except (TypeError, ValueError):
        page = 1
    kind_names = group_members(kind)
    return Query(
        kinds=kind_names,
        kind=kind,
        text=text,
        locale=locale,
        facets=wanted,
        filters=clean_filters,
        sort=sort,
        near=near,
        page=page,
        per_page=per_page,
        boost_popular=search_kind.boost_popular,
    )


def search(
    kind: str = ALL,
    text: str = "",
    filters: dict | None = None,
    facets: list[str] | None = None,
    sort: str = "relevance",
    page: int = 1,
    locale: str = "vi",
    *,
    per_page: int = PER_PAGE,
    backend=None,
    log: bool = True,
) -> SearchResult:
    """Search one kind (or "all") in one language.

    `filters` maps facet names to the selected values (several values of one facet are OR-ed,
    facets are AND-ed); `filters["near"] = (lat, lon)` with `sort="distance"` sorts by distance.
    `facets` names the facets to count (all of the kind's by default). Facet counts ignore the
    facet's own selection, so that every value stays selectable.
    """
    query = build_query(kind, text, filters, facets, sort, page, locale, per_page)
    backend = backend or get_backend()
    result = backend.search(query)
    if result.did_you_mean and not _finds_something(backend, query, result.did_you_mean):
        result.did_you_mean = ""  # a proposal that also finds nothing helps nobody
    if log and query.text and result.total == 0 and not query.filters:
        log_unmatched(query.text, kind, locale)
    return result


def _finds_something(backend, query: Query, text: str) -> bool:
    probe = replace(query, text=text, filters={}, facets=[], page=1, per_page=1, suggest=False)
    return backend.search(probe).total > 0


def suggest(text: str, locale: str = "vi", kind: str = ALL, limit: int = 8, backend=None) -> list[Document]:
    """Titles that start with what was typed (each word a prefix, diacritics optional)."""
    if locale not in languages() or get_kind(kind) is None:
        return []
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    refuse_nul(text)
    kind_names = group_members(kind)
    return (backend or get_backend()).suggest(text, locale, kind_names, limit=limit)


def log_unmatched(text: str, kind: str, locale: str) -> None:
    """Count a search that found nothing (one row per query, kind and language)."""
    from .models import UnmatchedQuery

    text = " ".join(text.split())[:200]
    if not text:
        return
    try:
        with transaction.atomic():
            updated = UnmatchedQuery.objects.filter(query=text, kind=kind, locale=locale).update(count=F("count") + 1)
            if not updated:
                UnmatchedQuery.objects.create(query=text, kind=kind, locale=locale)
    except IntegrityError:  # created by a concurrent request meanwhile
        UnmatchedQuery.objects.filter(query=text, kind=kind, locale=locale).update(count=F("count") + 1)
