"""The columns the site shows (step, time, quantity, readings…) read from an event's EPCIS JSON.

An event's EPCIS JSON is the record; its columns are a readable copy for pages and filters.
Captured events get their columns from here, and the chain check compares them again, so an
edit of a column shows as an altered record just like an edit of the JSON.
"""

from decimal import Decimal, InvalidOperation

from django.utils.dateparse import parse_datetime

from .epcis import XT_NAMESPACE, normalise_biz_step, normalise_disposition

MAIN_QUANTITY_LISTS = ("quantityList", "outputQuantityList", "childQuantityList")


def _quantity(data: dict) -> Decimal | None:
    for name in MAIN_QUANTITY_LISTS:
        for item in data.get(name) or []:
            if isinstance(item, dict) and isinstance(item.get("quantity"), int | float):
                try:
                    value = Decimal(str(item["quantity"])).quantize(Decimal("0.001"))
                except InvalidOperation:
                    return None
                # The column shows ordinary amounts; the JSON keeps any number as sent.
                return value if 0 <= value <= 10**8 else None
    return None


def _readings(data: dict) -> list:
    readings = []
    for element in data.get("sensorElementList") or []:
        if isinstance(element, dict):
            readings.extend(r for r in element.get("sensorReport") or [] if isinstance(r, dict))
    return readings


def _text(data: dict, key: str, limit: int) -> str:
    value = data.get(key)
    return value[:limit] if isinstance(value, str) else ""


def columns_from_epcis(data: dict) -> dict:
    activity = data.get("xt:activity", "")
    prefix = XT_NAMESPACE + "activity/"
    return {
        "event_type": data.get("type", ""),
        "action": data.get("action", "") if data.get("type") != "TransformationEvent" else "",
        "biz_step": normalise_biz_step(str(data.get("bizStep", "")))[:200],
        "disposition": normalise_disposition(str(data.get("disposition", "")))[:40],
        "activity": activity[len(prefix) :][:30] if isinstance(activity, str) and activity.startswith(prefix) else "",
        "event_time": parse_datetime(str(data.get("eventTime", ""))),
        "event_timezone_offset": data.get("eventTimeZoneOffset", ""),
        "description_vi": _text(data, "xt:descriptionVi", 4000),
        "description_en": _text(data, "xt:descriptionEn", 4000),
        "input_product": _text(data, "xt:inputProduct", 200),
        "dose": _text(data, "xt:dose", 100),
        "quantity": _quantity(data),
        "sensor_readings": _readings(data),
    }


def columns_of(event) -> dict:
    return {name: getattr(event, name) for name in columns_from_epcis({})}


def columns_match(event) -> bool:
    expected = columns_from_epcis(event.epcis or {})
    actual = columns_of(event)
    if not expected["biz_step"]:  # a captured event without bizStep is shown as "other"
        expected["biz_step"] = "other"
    return expected == actual
