"""EPCIS 2.0 REST query parameters on our stored events (`GET /api/epcis/events`).

Filters run on the stored EPCIS JSON (jsonb containment) or on the indexed columns; a
parameter we do not support is refused (400), never ignored. Pages are cut by a signed
cursor (`nextPageToken`): the last event's primary key, so no page is silently capped.
"""

from django.core import signing
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .epcis import normalise_biz_step, normalise_disposition
from .vocabulary import EventType

DEFAULT_PER_PAGE = 30
MAX_PER_PAGE = 500
TOKEN_SALT = "traceability.epcis.page"  # a signing namespace, not a secret # noqa: S105 # nosec B105
EPC_FIELDS = ("epcList", "childEPCs", "inputEPCList", "outputEPCList")
CLASS_FIELDS = ("quantityList", "childQuantityList")
ANY_CLASS_FIELDS = ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList")
PAGING = {"perPage", "nextPageToken"}
SUPPORTED = {
    "eventType",
    "GE_eventTime",
    "LT_eventTime",
    "GE_recordTime",
    "LT_recordTime",
    "EQ_action",
    "EQ_bizStep",
    "EQ_disposition",
    "EQ_readPoint",
    "EQ_bizLocation",
    "EQ_transformationID",
    "MATCH_epc",
    "MATCH_parentID",
    "MATCH_inputEPC",
    "MATCH_outputEPC",
    "MATCH_epcClass",
    "MATCH_inputEPCClass",
    "MATCH_outputEPCClass",
    "MATCH_anyEPCClass",
    "EQ_eventID",
    "batch",  # ours: a batch's public code
}


class QueryError(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def _values(params, name) -> list[str]:
    values = []
    for raw in params.getlist(name):
        values.extend(v for v in raw.split(",") if v)
    if not values:
        raise QueryError(name, _("This parameter needs a value."))
    return values


def _time(params, name):
    raw = params.get(name, "")
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None or timezone.is_naive(value):
        raise QueryError(name, _("A date and time with an offset is expected, e.g. 2026-11-20T08:00:00+07:00."))
    return value


def _contains_any(fields, values, wrap) -> Q:
    condition = Q()
    for name in fields:
        for value in values:
            condition |= Q(**{f"epcis__{name}__contains": [wrap(value)]})
    return condition


def apply(events, params):
    """The events matching the query parameters (a QueryDict); QueryError on a bad one."""
    for name in params:
        if name not in SUPPORTED and name not in PAGING:
            raise QueryError(name, _("This query parameter is not supported."))
    if "eventType" in params:
        kinds = _values(params, "eventType")
        if set(kinds) - set(EventType.values):
            raise QueryError("eventType", _("Unknown event type."))
        events = events.filter(event_type__in=kinds)
    for name, lookup in (("GE_eventTime", "event_time__gte"), ("LT_eventTime", "event_time__lt")):
        if name in params:
            events = events.filter(**{lookup: _time(params, name)})
    for name, lookup in (("GE_recordTime", "recorded_at__gte"), ("LT_recordTime", "recorded_at__lt")):
        if name in params:
            events = events.filter(**{lookup: _time(params, name)})
    if "EQ_action" in params:
        events = events.filter(action__in=_values(params, "EQ_action"))
    if "EQ_bizStep" in params:
        events = events.filter(biz_step__in=[normalise_biz_step(v) for v in _values(params, "EQ_bizStep")])
    if "EQ_disposition" in params:
        events = events.filter(disposition__in=[normalise_disposition(v) for v in _values(params, "EQ_disposition")])
    for name, field in (("EQ_readPoint", "readPoint"), ("EQ_bizLocation", "bizLocation")):
        if name in params:
            events = events.filter(**{f"epcis__{field}__id__in": _values(params, name)})
    if "EQ_transformationID" in params:
        events = events.filter(epcis__transformationID__in=_values(params, "EQ_transformationID"))
    if "MATCH_epc" in params:
        values = _values(params, "MATCH_epc")
        events = events.filter(_contains_any(EPC_FIELDS, values, str) | Q(epcis__parentID__in=values))
    if "MATCH_parentID" in params:
        events = events.filter(epcis__parentID__in=_values(params, "MATCH_parentID"))
    if "MATCH_inputEPC" in params:
        events = events.filter(_contains_any(("inputEPCList",), _values(params, "MATCH_inputEPC"), str))
    if "MATCH_outputEPC" in params:
        events = events.filter(_contains_any(("outputEPCList",), _values(params, "MATCH_outputEPC"), str))
    as_class = lambda v: {"epcClass": v}  # noqa: E731
    for name, fields in (
        ("MATCH_epcClass", CLASS_FIELDS),
        ("MATCH_inputEPCClass", ("inputQuantityList",)),
        ("MATCH_outputEPCClass", ("outputQuantityList",)),
        ("MATCH_anyEPCClass", ANY_CLASS_FIELDS),
    ):
        if name in params:
            events = events.filter(_contains_any(fields, _values(params, name), as_class))
    if "EQ_eventID" in params:
        events = events.filter(event_id__in=_values(params, "EQ_eventID"))
    if "batch" in params:
        events = events.filter(batch__public_code=params["batch"])
    return events


def per_page(params) -> int:
    raw = params.get("perPage", str(DEFAULT_PER_PAGE))
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PER_PAGE:
        raise QueryError("perPage", _("perPage is a whole number from 1 to 500."))
    return int(raw)


def after_cursor(params) -> int:
    raw = params.get("nextPageToken")
    if not raw:
        return 0
    try:
        return int(signing.loads(raw, salt=TOKEN_SALT))
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise QueryError("nextPageToken", _("This page token is not valid.")) from error


def page(events, params) -> tuple[list, str]:
    """One page of events in the order they were recorded, and the token of the next page ("" at the end)."""
    size = per_page(params)
    rows = list(events.filter(pk__gt=after_cursor(params)).order_by("pk")[: size + 1])
    if len(rows) <= size:
        return rows, ""
    rows = rows[:size]
    return rows, signing.dumps(rows[-1].pk, salt=TOKEN_SALT)
