from django import template
from django.utils import translation

from portal.money import format_dong

register = template.Library()


def format_number(value) -> str:
    """Grouped digits in the active language: 1.234 in Vietnamese, 1,234 in English."""
    if value is None or value == "":
        return ""
    text = f"{value:,.1f}" if isinstance(value, float) and value != int(value) else f"{int(value):,}"
    if (translation.get_language() or "vi").startswith("vi"):
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


@register.filter
def number(value):
    return format_number(value)


@register.filter
def cell(value, kind):
    """A table cell's text for its column kind."""
    if kind == "money":
        return format_dong(value)
    if kind == "number":
        return format_number(value)
    if kind == "percent":
        return f"{format_number(value)} %"
    return value


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
