"""Money is an integer number of đồng; this formats it for the active language."""

from django.utils import translation


def format_dong(amount: int | None, language: str | None = None) -> str:
    """`150.000 ₫` in Vietnamese, `₫150,000` in English."""
    if amount is None:
        return ""
    language = (language or translation.get_language() or "vi")[:2]
    sign = "-" if amount < 0 else ""
    grouped = f"{abs(int(amount)):,}"
    if language == "vi":
        return f"{sign}{grouped.replace(',', '.')}\u00a0₫"
    return f"{sign}₫{grouped}"
